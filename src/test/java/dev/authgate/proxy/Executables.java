package dev.authgate.proxy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the proxy programs the tests run; a missing one fails with how to install it. */
final class Executables {
  private Executables() {}

  /** The program on PATH or in the sbin directories Debian installs servers into. */
  static Path find(String program) {
    List<String> dirs =
        new ArrayList<>(
            List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin"));
    for (String dir : dirs) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        program
            + " is not installed, and the proxy tests run the real one: apt-get install "
            + program
            + " (bash .ci/run installs it)");
  }
}
