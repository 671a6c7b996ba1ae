package dev.authgate.browser;

import dev.authgate.support.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser reduced to what the sign-in pages care about: it keeps the cookies authgate sets and
 * sends them back, and posts forms the way a browser does.
 */
final class BrowserClient {
  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");

  private final TestServer server;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  BrowserClient(TestServer server) {
    this.server = server;
  }

  HttpResponse<String> get(String path, String... headers) {
    return keep(server.send(path, b -> withCookies(b, headers).GET()));
  }

  HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return keep(
        server.send(
            path,
            b ->
                withCookies(b, headers)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body))));
  }

  /** Loads the page and returns the CSRF token of its form. */
  String csrf(String path) {
    Matcher m = CSRF_FIELD.matcher(get(path).body());
    if (!m.find()) {
      throw new AssertionError(path + " has no csrf field");
    }
    return m.group(1);
  }

  String cookie(String name) {
    return cookies.get(name);
  }

  void setCookie(String name, String value) {
    cookies.put(name, value);
  }

  private HttpRequest.Builder withCookies(HttpRequest.Builder b, String... headers) {
    if (!cookies.isEmpty()) {
      b.header(
          "Cookie",
          cookies.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining("; ")));
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  private HttpResponse<String> keep(HttpResponse<String> r) {
    for (String set : r.headers().allValues("Set-Cookie")) {
      String pair = set.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq);
      String value = pair.substring(eq + 1);
      if (value.isEmpty() || set.contains("Max-Age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    return r;
  }

  static List<String> setCookies(HttpResponse<String> r, String name) {
    return r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .toList();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
