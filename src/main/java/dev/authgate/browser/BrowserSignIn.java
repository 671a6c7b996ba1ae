package dev.authgate.browser;

import dev.authgate.config.Settings;
import dev.authgate.gate.Gate;
import dev.authgate.gate.SignInRedirect;
import dev.authgate.token.TokenIssuer;
import dev.authgate.web.ApiError;
import dev.authgate.web.RouteModule;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sign-in for people with a browser: the redirect that /verify answers a page navigation with, and
 * the login, registration and logout pages. Built once from the settings; Authgate wires it.
 */
public final class BrowserSignIn {
  private static final Pattern ABSOLUTE = Pattern.compile("(?i)https?://([^/:?#\\[\\]]+).*");

  private final Settings.Browser settings;
  private final boolean registrationOpen;
  private final TrustedProxies proxies;
  private final RedirectPolicy policy;
  private final Optional<String> loginHost;

  public BrowserSignIn(Settings.Browser settings, boolean registrationOpen) {
    this.settings = settings;
    this.registrationOpen = registrationOpen;
    this.proxies = new TrustedProxies(settings.trustedProxies());
    this.loginHost = hostOf(settings.loginUrl());
    List<String> hosts = new ArrayList<>(settings.allowedRedirectHosts());
    loginHost.ifPresent(hosts::add);
    this.policy = new RedirectPolicy(settings.cookieDomain(), hosts, settings.defaultRedirect());
  }

  /**
   * The client's address for throttling sign-ins: X-Forwarded-For is believed only from a trusted
   * proxy. The JSON account endpoints use it too, so that behind a proxy each client has its own
   * count.
   */
  public String clientAddress(io.javalin.http.Context ctx) {
    return proxies.client(ctx);
  }

  /** What /verify does with a refused page navigation. */
  public SignInRedirect redirect() {
    return new LoginRedirect(settings.loginUrl(), proxies);
  }

  /** GET|POST /login, /register (when registration is open) and /logout. */
  public RouteModule routes(PasswordSignIn accounts, Gate gate, TokenIssuer tokens, Clock clock) {
    Csrf csrf = new Csrf(settings.cookieName(), settings.cookieSecure());
    SessionCookie cookie =
        new SessionCookie(settings.cookieName(), settings.cookieDomain(), settings.cookieSecure());
    FormPages forms =
        new FormPages(
            new Pages(settings.productName(), settings.brandColor(), formTargets()),
            csrf,
            registrationOpen);
    CurrentSession session = new CurrentSession(gate);
    SignInHandlers signIn =
        new SignInHandlers(forms, csrf, cookie, policy, proxies, session, tokens, clock);
    SignOutHandlers signOut =
        new SignOutHandlers(forms, csrf, cookie, policy, proxies, session, accounts);
    return routes -> {
      routes.get("/login", signIn::showLogin);
      routes.post("/login", ctx -> signIn.submit(ctx, accounts::signIn, forms::login));
      routes.get("/logout", signOut::get);
      routes.post("/logout", signOut::post);
      routes.get("/register", ctx -> whenOpen(() -> signIn.showRegister(ctx)));
      routes.post(
          "/register",
          ctx -> whenOpen(() -> signIn.submit(ctx, accounts::register, forms::register)));
    };
  }

  private void whenOpen(Runnable page) {
    if (!registrationOpen) {
      throw new ApiError(
          404, "registration_closed", "registration is closed (AUTH_REGISTRATION=closed)");
    }
    page.run();
  }

  /** Where a posted form may lead: CSP form-action also covers the redirect after the post. */
  private List<String> formTargets() {
    List<String> targets = new ArrayList<>();
    settings
        .cookieDomain()
        .map(d -> d.replaceFirst("^\\.", ""))
        .ifPresent(d -> targets.addAll(List.of(d + ":*", "*." + d + ":*")));
    settings.allowedRedirectHosts().forEach(h -> targets.add(h + ":*"));
    loginHost.ifPresent(h -> targets.add(h + ":*"));
    return targets;
  }

  private static Optional<String> hostOf(String url) {
    Matcher m = ABSOLUTE.matcher(url);
    return m.matches() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
  }
}
