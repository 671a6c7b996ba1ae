package dev.authgate.support;

import dev.authgate.keys.KeyFileException;
import dev.authgate.keys.PemKeyFile;
import dev.authgate.keys.RingKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;

/** The test-only PEM keys under src/test/resources/keys. */
public final class TestKeys {
  private TestKeys() {}

  /** The fixture file with this name, e.g. {@code a.pkcs8.pem}. */
  public static Path file(String name) {
    try {
      return Path.of(TestKeys.class.getResource("/keys/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException("no test key " + name, e);
    }
  }

  /** The key in the fixture file, read the way AUTH_KEYS_DIR reads it. */
  public static RingKey read(String name) {
    try {
      return PemKeyFile.read(file(name));
    } catch (KeyFileException e) {
      throw new IllegalStateException(e);
    }
  }

  public static RSAPrivateKey privateKey(String name) {
    return read(name).privateKey().orElseThrow();
  }

  /** Copies fixture files into dir (created if needed) and returns dir. */
  public static Path copy(Path dir, String... names) {
    try {
      Files.createDirectories(dir);
      for (String name : names) {
        Files.copy(file(name), dir.resolve(name));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
