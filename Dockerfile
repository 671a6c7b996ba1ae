# syntax=docker/dockerfile:1
# authgate: build with Maven, run on a slim JRE as an unprivileged user.
# docker build -t authgate . && docker run --read-only --tmpfs /tmp -p 8080:8080 authgate

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
# The dependencies are a layer of their own, so a change to the code does not download them again.
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests
# JNA's native library (it lowers bcrypt's CPU priority), unpacked from the jar here: at run time
# /tmp is often a noexec tmpfs (Docker's --tmpfs is), where JNA cannot unpack and load it itself.
RUN set -e; \
    case "$(uname -m)" in \
      x86_64) platform=linux-x86-64 ;; \
      aarch64) platform=linux-aarch64 ;; \
      *) echo "no JNA library for $(uname -m)" >&2; exit 1 ;; \
    esac; \
    mkdir target/native; cd target/native; \
    jar xf ../authgate.jar "com/sun/jna/$platform/libjnidispatch.so"; \
    mv "com/sun/jna/$platform/libjnidispatch.so" .; rm -r com

FROM eclipse-temurin:17.0.15_6-jre-jammy
# A fixed uid, so Kubernetes (runAsUser, fsGroup) and mounted key files can name it.
RUN groupadd --system --gid 10001 authgate \
 && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home \
    --shell /usr/sbin/nologin authgate \
 && mkdir -p /var/lib/authgate /run/secrets/authgate \
 && chown 10001:10001 /var/lib/authgate
COPY --from=build /src/target/authgate.jar /opt/authgate/authgate.jar
COPY --from=build /src/target/native /opt/authgate/native

# The root filesystem may be read-only: authgate writes only to the data volume, the JVM only to
# /tmp (mount a tmpfs there), and the keys are a mounted secret it reads.
# The JVM options are those bench/run measures (README: Operating it): the serial collector, a heap
# of a quarter of the container's memory limit (MinRAMPercentage too, or the JVM takes 126 MB
# whatever the share below a 504 MB limit), and memory the JIT frees given back to the system.
# JNA loads its library from the image and never unpacks one into /tmp.
VOLUME ["/var/lib/authgate"]
ENV AUTH_PORT=8080 \
    AUTH_DATA_DIR=/var/lib/authgate \
    AUTH_LOG_FORMAT=json \
    JAVA_TOOL_OPTIONS="-XX:+UseContainerSupport -XX:+UseSerialGC -XX:MinRAMPercentage=25 -XX:MaxRAMPercentage=25 -XX:InitialRAMPercentage=25 -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -Djava.io.tmpdir=/tmp -Djna.boot.library.path=/opt/authgate/native -Djna.nounpack=true"
# A class data archive (AppCDS) of the classes a start loads, from a training run stopped once it
# answers: it roughly halves the CPU time of every later start. The run's development key and store
# go with it; its heap is one with compressed pointers, as at run time, or the JVM refuses the archive.
RUN set -e; mkdir /tmp/training; \
    AUTH_DATA_DIR=/tmp/training AUTH_HOST=127.0.0.1 \
      java -XX:MaxRAM=256m -XX:ArchiveClassesAtExit=/opt/authgate/authgate.jsa \
      -jar /opt/authgate/authgate.jar & \
    pid=$!; \
    for i in $(seq 60); do java -jar /opt/authgate/authgate.jar healthcheck >/dev/null 2>&1 && break; sleep 1; done; \
    java -jar /opt/authgate/authgate.jar healthcheck; \
    kill -TERM "$pid"; wait "$pid" || true; \
    rm -rf /tmp/training; \
    test -s /opt/authgate/authgate.jsa; \
    chmod 444 /opt/authgate/authgate.jsa
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=/opt/authgate/authgate.jsa", "-jar", "/opt/authgate/authgate.jar", "healthcheck"]
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/opt/authgate/authgate.jsa", "-jar", "/opt/authgate/authgate.jar"]
CMD ["serve"]
