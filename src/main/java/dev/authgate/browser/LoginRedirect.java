package dev.authgate.browser;

import dev.authgate.gate.SignInRedirect;
import dev.authgate.gate.VerifyRequest;
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
  public Redirect redirect(VerifyRequest request) {
    if (!Navigation.looksLikePageNavigation(request)) {
      return null;
    }
    OriginalRequest original = OriginalRequest.of(request, proxies);
    if (!Navigation.isNavigationMethod(original.method())) {
      return null;
    }
    return new Redirect(location(original), request.header("X-Original-URL") != null);
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
