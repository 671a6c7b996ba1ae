package dev.authgate.keys;

import dev.authgate.config.ConfigException;
import dev.authgate.config.Settings;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Finds the key directory the settings call for: the mounted AUTH_KEYS_DIR, or else the development
 * key under AUTH_DATA_DIR, generated on first use.
 */
public final class KeySetup {
  private KeySetup() {}

  /** The key directory, after making sure a development key exists when none is mounted. */
  public static KeyDirectory directory(Settings settings) {
    Path dir;
    if (settings.keys().dir().isPresent()) {
      dir = settings.keys().dir().get();
    } else {
      try {
        dir = DevelopmentKey.ensure(settings.dataDir());
      } catch (IOException e) {
        throw new ConfigException(
            "AUTH_DATA_DIR="
                + settings.dataDir()
                + " is not writable, so no development key can be"
                + " kept there ("
                + e.getMessage()
                + "); set AUTH_DATA_DIR to a writable"
                + " directory or mount keys with AUTH_KEYS_DIR",
            e);
      }
    }
    return new KeyDirectory(dir, settings.keys().signingKey());
  }

  /** Loads the directory, turning a bad file into a start-up error that names it. */
  public static KeyRing load(KeyDirectory directory, Settings settings) {
    try {
      return directory.load();
    } catch (KeyFileException e) {
      if (settings.keys().dir().isPresent()) {
        throw new ConfigException(
            "AUTH_KEYS_DIR=%s is unusable: %s; it must hold PEM keys, for example"
                    .formatted(directory.path(), e.getMessage())
                + " AUTH_KEYS_DIR=/run/secrets/authgate filled by `java -jar authgate.jar keygen"
                + " --out /run/secrets/authgate`");
      }
      throw new ConfigException(
          "AUTH_DATA_DIR=%s is unusable: %s; delete that file to generate a new development key,"
                  .formatted(settings.dataDir(), e.getMessage())
              + " or mount keys, for example AUTH_KEYS_DIR=/run/secrets/authgate");
    }
  }
}
