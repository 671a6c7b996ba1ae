package dev.authgate.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The key used when no AUTH_KEYS_DIR is mounted: generated once under the data directory and
 * reused, so tokens survive a restart of a development instance.
 */
public final class DevelopmentKey {
  static final String FILE = "dev-signing-key.pem";

  private DevelopmentKey() {}

  /** Returns the directory holding the development key, creating the key on first use. */
  public static Path ensure(Path dataDir) throws IOException {
    Path dir = dataDir.resolve("keys");
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      KeyPairFiles.writePrivate(file, KeyPairFiles.generate());
    }
    return dir;
  }
}
