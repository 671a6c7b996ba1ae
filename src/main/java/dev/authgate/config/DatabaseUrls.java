package dev.authgate.config;

/** Helpers for showing database URLs in messages without their password. */
public final class DatabaseUrls {
  private DatabaseUrls() {}

  /**
   * Replaces the password of {@code scheme://user:password@host} (and {@code password=}) with ****.
   */
  public static String mask(String url) {
    return url.replaceAll("(//[^:/@]*:)[^@]*@", "$1****@")
        .replaceAll("(?i)(password=)[^&]*", "$1****");
  }
}
