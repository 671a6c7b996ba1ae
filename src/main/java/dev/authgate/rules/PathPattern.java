package dev.authgate.rules;

import java.util.regex.Pattern;

/**
 * The path of a rule: a prefix that matches whole segments ({@code /admin} matches {@code /admin}
 * and {@code /admin/users}, not {@code /administrator}), or a glob when it holds {@code *} ({@code
 * *} within one segment, {@code **} across segments; a trailing {@code /**} matches the directory
 * itself too).
 */
record PathPattern(String source, Pattern glob, String prefix) {

  static PathPattern of(String source, boolean caseSensitive) {
    String p = caseSensitive ? source : source.toLowerCase(java.util.Locale.ROOT);
    if (p.indexOf('*') < 0) {
      String prefix = p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
      return new PathPattern(source, null, prefix);
    }
    return new PathPattern(source, Pattern.compile(globToRegex(p)), null);
  }

  boolean matches(String path) {
    if (glob != null) {
      return glob.matcher(path).matches();
    }
    return prefix.equals("/")
        || path.equals(prefix)
        || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
  }

  private static String globToRegex(String glob) {
    boolean directory = glob.endsWith("/**");
    String body = directory ? glob.substring(0, glob.length() - 3) : glob;
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '*' && i + 1 < body.length() && body.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (directory) {
      regex.append("(/.*)?");
    }
    return regex.toString();
  }
}
