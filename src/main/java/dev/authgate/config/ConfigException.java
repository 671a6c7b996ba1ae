package dev.authgate.config;

/**
 * A setting that cannot be used. The message is one line that names the variable, says what is
 * wrong and shows a value that would work; it is printed as is and start-up stops.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
