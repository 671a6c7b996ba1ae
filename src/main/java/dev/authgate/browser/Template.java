package dev.authgate.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page template from src/main/resources/browser. {@code {{name}}} is replaced by the value,
 * HTML-escaped; {@code {{&name}}} by the value as it is, for markup authgate rendered itself. A
 * placeholder without a value is an error, so a typo cannot silently drop a field.
 */
final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(&?)([A-Za-z]+)}}");

  private final String name;
  private final String text;

  private Template(String name, String text) {
    this.name = name;
    this.text = text;
  }

  static Template load(String name) {
    try (InputStream in = Template.class.getResourceAsStream("/browser/" + name)) {
      if (in == null) {
        throw new IllegalStateException("template /browser/" + name + " is not on the classpath");
      }
      return new Template(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String render(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 256);
    while (m.find()) {
      String value = values.get(m.group(2));
      if (value == null) {
        throw new IllegalArgumentException("template " + name + " needs a value for " + m.group(2));
      }
      m.appendReplacement(
          out, Matcher.quoteReplacement(m.group(1).isEmpty() ? escape(value) : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
