package dev.authgate.account;

import dev.authgate.config.Secret;
import dev.authgate.gate.Gate;
import dev.authgate.store.SessionStore;
import dev.authgate.token.Verification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Token introspection (RFC 7662) for callers allowed to ask: the configured introspection secret
 * (as the password of HTTP Basic, or as a Bearer token), or an access token of an admin or of a
 * user holding {@code tokens:introspect}. Never anonymous.
 */
public final class Introspection {
  public static final Permission INTROSPECT = new Permission("tokens", "introspect");
  private static final Map<String, Object> INACTIVE = Map.of("active", false);

  private final Gate gate;
  private final Callers callers;
  private final RefreshTokens refreshTokens;
  private final SessionStore sessions;
  private final RevocationList revoked;
  private final Optional<Secret> secret;
  private final Clock clock;

  Introspection(
      Gate gate,
      Callers callers,
      RefreshTokens refreshTokens,
      SessionStore sessions,
      RevocationList revoked,
      Optional<Secret> secret,
      Clock clock) {
    this.gate = gate;
    this.callers = callers;
    this.refreshTokens = refreshTokens;
    this.sessions = sessions;
    this.revoked = revoked;
    this.secret = secret;
    this.clock = clock;
  }

  /** Refuses (401/403) a caller that may not introspect. */
  public void authorize(String authorization) {
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      if (!secretMatches(basicPassword(authorization.substring(6).trim()))) {
        throw AccountException.invalidToken("the introspection secret is wrong");
      }
      return;
    }
    if (authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && secretMatches(authorization.substring(7).trim())) {
      return;
    }
    callers.authorized(authorization, INTROSPECT);
  }

  /** The token's claims with {@code "active": true}, or only {@code "active": false}. */
  public Map<String, Object> introspect(String token) {
    Verification result = gate.decide("Bearer " + token, List.of());
    if (result instanceof Verification.Verified v) {
      return access(v);
    }
    Optional<RefreshTokens.Claims> claims;
    try {
      claims = refreshTokens.check(token);
    } catch (AccountException e) {
      return INACTIVE;
    }
    return claims.map(this::refresh).orElse(INACTIVE);
  }

  private static Map<String, Object> access(Verification.Verified v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("active", true);
    out.put("token_type", "access_token");
    out.put("iss", v.issuer());
    out.put("sub", v.identity().userId());
    v.identity().email().ifPresent(e -> out.put("email", e));
    out.put("roles", v.identity().roles());
    out.put("permissions", v.identity().permissions());
    out.put("exp", v.expiresAt().getEpochSecond());
    if (v.sessionId() != null) {
      out.put("sid", v.sessionId());
    }
    return out;
  }

  private Map<String, Object> refresh(RefreshTokens.Claims claims) {
    Optional<SessionStore.State> state = sessions.find(claims.sessionId());
    if (state.isEmpty()
        || !state.get().active(clock.instant())
        || revoked.isRevoked(claims.familyId().toString())) {
      return INACTIVE;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("active", true);
    out.put("token_type", "refresh_token");
    out.put("sub", claims.userId().toString());
    out.put("exp", state.get().expiresAt().getEpochSecond());
    out.put("sid", claims.familyId().toString());
    return out;
  }

  private static String basicPassword(String encoded) {
    try {
      String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon < 0 ? "" : pair.substring(colon + 1);
    } catch (IllegalArgumentException e) {
      throw AccountException.invalid("the Basic credentials are not base64");
    }
  }

  private boolean secretMatches(String presented) {
    return secret.isPresent()
        && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), secret.get().bytes());
  }
}
