package dev.authgate.browser;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds shared/testdata, which lies beside the checkout (CI) or further up (a worktree): the first
 * ancestor of the working directory that holds it wins.
 */
final class SharedTestData {
  private SharedTestData() {}

  static Path file(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("testdata").resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "shared/testdata/" + name + " is in no ancestor of " + Path.of("").toAbsolutePath());
  }
}
