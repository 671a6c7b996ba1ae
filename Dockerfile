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

FROM eclipse-temurin:17.0.15_6-jre-jammy
# A fixed uid, so Kubernetes (runAsUser, fsGroup) and mounted key files can name it.
RUN groupadd --system --gid 10001 authgate \
 && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home \
    --shell /usr/sbin/nologin authgate \
 && mkdir -p /var/lib/authgate /run/secrets/authgate \
 && chown 10001:10001 /var/lib/authgate
COPY --from=build /src/target/authgate.jar /opt/authgate/authgate.jar

# The root filesystem may be read-only: authgate writes only to the data volume, the JVM only to
# /tmp (mount a tmpfs there), and the keys are a mounted secret it reads.
VOLUME ["/var/lib/authgate"]
ENV AUTH_PORT=8080 \
    AUTH_DATA_DIR=/var/lib/authgate \
    AUTH_LOG_FORMAT=json \
    JAVA_TOOL_OPTIONS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -Djava.io.tmpdir=/tmp"
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-jar", "/opt/authgate/authgate.jar", "healthcheck"]
ENTRYPOINT ["java", "-jar", "/opt/authgate/authgate.jar"]
CMD ["serve"]
