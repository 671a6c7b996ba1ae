package dev.authgate.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the node scripts under src/test/browser: installs their locked dependencies (npm ci, from
 * the npm registry) once per test run, then runs a script with an environment and a time limit.
 */
final class NodeScripts {
  static final Path DIR = Path.of("src", "test", "browser").toAbsolutePath();
  private static boolean installed;

  private NodeScripts() {}

  /** What a script printed, and how it ended. */
  record Run(int exitCode, String output) {}

  static synchronized void install() {
    if (installed) {
      return;
    }
    Run npm =
        run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of(), 300);
    if (npm.exitCode() != 0) {
      throw new IllegalStateException("npm ci in " + DIR + " failed:\n" + npm.output());
    }
    installed = true;
  }

  static Run node(String script, Map<String, String> env, int timeoutSeconds) {
    install();
    return run(List.of("node", script), env, timeoutSeconds);
  }

  private static Run run(List<String> command, Map<String, String> env, int timeoutSeconds) {
    try {
      Path log = Files.createTempFile("authgate-node", ".log");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor();
          return new Run(-1, read(log) + "\n(stopped after " + timeoutSeconds + " s)");
        }
        return new Run(process.exitValue(), read(log));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
