package dev.authgate.browser;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * Writes the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure unless switched off for local
 * plain-http development, on the configured Domain, for as long as the session lasts. With a Domain
 * configured, a host-only cookie of the same name is cleared too: both would be sent, and the gate
 * refuses a cookie name that arrives twice with different values.
 */
final class SessionCookie {
  private final String name;
  private final Optional<String> domain;
  private final boolean secure;

  SessionCookie(String name, Optional<String> domain, boolean secure) {
    this.name = name;
    this.domain = domain;
    this.secure = secure;
  }

  String name() {
    return name;
  }

  void set(Context ctx, String token, Duration lifetime) {
    clearHostOnly(ctx);
    add(ctx, token, lifetime.toSeconds(), domain);
  }

  void clear(Context ctx) {
    clearHostOnly(ctx);
    add(ctx, "", 0, domain);
  }

  private void clearHostOnly(Context ctx) {
    if (domain.isPresent()) {
      add(ctx, "", 0, Optional.empty());
    }
  }

  private void add(Context ctx, String value, long maxAge, Optional<String> onDomain) {
    StringBuilder c = new StringBuilder(name).append('=').append(value);
    onDomain.ifPresent(d -> c.append("; Domain=").append(d));
    c.append("; Path=/; Max-Age=").append(Math.max(0, maxAge));
    c.append("; HttpOnly; SameSite=Lax");
    if (secure) {
      c.append("; Secure");
    }
    ctx.res().addHeader("Set-Cookie", c.toString());
  }
}
