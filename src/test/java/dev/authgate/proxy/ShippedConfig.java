package dev.authgate.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The proxy configuration files under deploy/, as README.md shows them and users copy them. */
final class ShippedConfig {
  static final Path NGINX_SITE = Path.of("deploy/nginx/authgate.conf");
  static final Path NGINX_VERIFY_SNIPPET = Path.of("deploy/nginx/authgate-verify.conf");
  static final Path CADDYFILE = Path.of("deploy/caddy/Caddyfile");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

  private ShippedConfig() {}

  static String read(Path file) {
    try {
      return Files.readString(file.toAbsolutePath(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + file.toAbsolutePath() + " (tests run from the repository root)", e);
    }
  }

  /**
   * The text with each {@code ${NAME}} replaced as envsubst does; a placeholder without a value is
   * an error, so the README's envsubst line and this list cannot drift apart unnoticed.
   */
  static String fill(String text, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("no value for ${" + m.group(1) + "} in the shipped file");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }

  static String hostPort(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  static void createDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
