package dev.authgate.browser;

import dev.authgate.gate.SignInRedirect;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Sends a refused page navigation to the login page with the original URL in {@code rd}. Traefik
 * and Caddy pass the 302 on to the browser. Nginx's auth_request turns anything but 2xx, 401 and
 * 403 into a 500, so a request that carries X-Original-URL (which only the Nginx configuration
 * sends) keeps its 401 and gets the login address in {@code X-Auth-Redirect}, which the
 * configuration's {@code error_page 401 = @login} turns into the redirect.
 */
final class LoginRedirect implements SignInRedirect {
  static final String NGINX_HEADER = "X-Auth-Redirect";

  private final String loginUrl;
  private final TrustedProxies proxies;

  LoginRedirect(String loginUrl, TrustedProxies proxies) {
    this.loginUrl = loginUrl;
    this.proxies = proxies;
  }

  @Override
  public boolean answered(Context ctx) {
    OriginalRequest original = OriginalRequest.of(ctx, proxies, true);
    if (!Navigation.isPageNavigation(ctx, original.method())) {
      return false;
    }
    String location = location(original);
    if (ctx.header("X-Original-URL") != null) {
      ctx.header(NGINX_HEADER, location);
      return false;
    }
    ctx.status(302).header("Location", location);
    return true;
  }

  /**
   * The login address. A login page on the same host as the protected page (a path) gets the path
   * back as {@code rd}, which is always allowed; one on another host needs the absolute URL.
   */
  String location(OriginalRequest original) {
    Optional<String> rd = loginUrl.startsWith("/") ? original.uri() : original.url();
    if (rd.isEmpty()) {
      return loginUrl;
    }
    String separator = loginUrl.contains("?") ? "&" : "?";
    return loginUrl + separator + "rd=" + URLEncoder.encode(rd.get(), StandardCharsets.UTF_8);
  }
}
