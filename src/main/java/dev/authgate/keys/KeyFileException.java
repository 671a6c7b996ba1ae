package dev.authgate.keys;

import java.nio.file.Path;

/** A key file that cannot be used; the message names the file and what is wrong with it. */
public final class KeyFileException extends Exception {
  private static final long serialVersionUID = 1L;

  public KeyFileException(Path file, String reason) {
    super(file + ": " + reason);
  }
}
