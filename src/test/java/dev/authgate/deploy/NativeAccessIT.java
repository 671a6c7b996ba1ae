package dev.authgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.background.LowPriorityThreads;
import dev.authgate.background.ThreadNice;
import dev.authgate.support.JarProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker image unpacks JNA's native library from the jar at build time and tells JNA to load it
 * from there and never to unpack one into /tmp, which is often mounted noexec. These start the real
 * jar with those options, as the image's JAVA_TOOL_OPTIONS give them.
 */
class NativeAccessIT {
  private static final String EMAIL = "admin@example.com";
  private static final String PASSWORD = "a long admin pass";

  @Test
  void bcryptRunsAtTheWeakestPriorityWithTheLibraryTheImageUnpacks(@TempDir Path library)
      throws Exception {
    unpackLikeTheDockerfile(library);
    String options = "-Djna.boot.library.path=" + library + " -Djna.nounpack=true";

    try (JarProcess jar = JarProcess.start(adminAnd(options))) {
      assertThat(ThreadNice.ofThread(jar.pid(), "bcrypt-1")).contains(LowPriorityThreads.NICE);
      assertThat(jar.output()).doesNotContain("normal CPU priority");
    }
  }

  @Test
  void withoutTheLibraryBcryptRunsAtNormalPriorityAndOneWarningSaysSo() throws Exception {
    try (JarProcess jar = JarProcess.start(adminAnd("-Djna.nounpack=true"))) {
      assertThat(ThreadNice.ofThread(jar.pid(), "bcrypt-1")).contains(0);
      assertThat(jar.output()).containsOnlyOnce("bcrypt threads run at normal CPU priority");
    }
  }

  /** A first admin, whose password is hashed on a bcrypt thread at start-up, and JVM options. */
  private static Map<String, String> adminAnd(String javaOptions) {
    return Map.of(
        "AUTH_ADMIN_EMAIL",
        EMAIL,
        "AUTH_ADMIN_PASSWORD",
        PASSWORD,
        "JAVA_TOOL_OPTIONS",
        javaOptions);
  }

  /** What the Dockerfile's build stage does with {@code jar xf}. */
  private static void unpackLikeTheDockerfile(Path into) throws IOException {
    String platform =
        switch (System.getProperty("os.arch")) {
          case "amd64", "x86_64" -> "linux-x86-64";
          case "aarch64" -> "linux-aarch64";
          default -> throw new IllegalStateException(System.getProperty("os.arch"));
        };
    try (JarFile jar = new JarFile(System.getProperty("authgate.jar"));
        InputStream library =
            jar.getInputStream(jar.getEntry("com/sun/jna/" + platform + "/libjnidispatch.so"))) {
      Files.copy(library, into.resolve("libjnidispatch.so"));
    }
  }
}
