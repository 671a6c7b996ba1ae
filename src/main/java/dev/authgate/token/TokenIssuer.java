package dev.authgate.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import dev.authgate.keys.KeyRing;
import dev.authgate.keys.RingKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Signs authgate's tokens with the ring's signing key: access tokens ({@code "type":"access"}) that
 * /verify accepts, session tokens ({@code "type":"session"}) that it accepts only from the session
 * cookie, and refresh tokens ({@code "type":"refresh"}) that it refuses.
 */
public final class TokenIssuer {
  private final Supplier<KeyRing> keys;
  private final String issuer;
  private final Optional<String> audience;
  private final Duration accessTtl;
  private final Duration refreshTtl;
  private final Clock clock;

  public TokenIssuer(
      Supplier<KeyRing> keys,
      String issuer,
      Optional<String> audience,
      Duration accessTtl,
      Duration refreshTtl,
      Clock clock) {
    this.keys = keys;
    this.issuer = issuer;
    this.audience = audience;
    this.accessTtl = accessTtl;
    this.refreshTtl = refreshTtl;
    this.clock = clock;
  }

  /** A token and when it stops being valid. */
  public record Issued(String token, String tokenId, Instant expiresAt) {}

  /**
   * An access token for the subject.
   *
   * @param sessionId the refresh session this token belongs to, so that signing out revokes it;
   *     null for a token without a session
   */
  public Issued access(
      String subject,
      String email,
      List<String> roles,
      List<String> permissions,
      String sessionId) {
    return sign(subject, accessTtl, "access", identity(email, roles, permissions, sessionId));
  }

  /**
   * A session token for the browser's cookie: the identity of an access token, but valid until the
   * refresh session ends, because not every proxy lets /verify hand the browser a renewed cookie.
   * Signing out ends it early through the revocation list; /verify accepts it only from the cookie.
   */
  public Issued session(
      String subject,
      String email,
      List<String> roles,
      List<String> permissions,
      String sessionId,
      Instant sessionEnds) {
    Duration ttl = Duration.between(clock.instant(), sessionEnds);
    return sign(subject, ttl, "session", identity(email, roles, permissions, sessionId));
  }

  private static Consumer<JWTCreator.Builder> identity(
      String email, List<String> roles, List<String> permissions, String sessionId) {
    return b -> {
      if (email != null) {
        b.withClaim("email", email);
      }
      b.withClaim("roles", roles).withClaim("permissions", permissions);
      if (sessionId != null) {
        b.withClaim("sid", sessionId);
      }
    };
  }

  /** A refresh token of the session; its jti is what the store remembers. */
  public Issued refresh(String subject, String sessionId, Duration ttl) {
    return sign(subject, ttl, "refresh", b -> b.withClaim("sid", sessionId));
  }

  public Duration accessTtl() {
    return accessTtl;
  }

  public Duration refreshTtl() {
    return refreshTtl;
  }

  private Issued sign(
      String subject, Duration ttl, String type, Consumer<JWTCreator.Builder> claims) {
    RingKey key =
        keys.get()
            .signer()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no private key to sign with: AUTH_KEYS_DIR holds only public keys"));
    Instant now = clock.instant();
    Instant exp = now.plus(ttl);
    String jti = UUID.randomUUID().toString();
    JWTCreator.Builder b =
        JWT.create()
            .withKeyId(key.kid())
            .withIssuer(issuer)
            .withSubject(subject)
            .withIssuedAt(now)
            .withExpiresAt(exp)
            .withJWTId(jti)
            .withClaim("type", type);
    audience.ifPresent(b::withAudience);
    claims.accept(b);
    return new Issued(
        b.sign(Algorithm.RSA256(key.publicKey(), key.privateKey().orElseThrow())), jti, exp);
  }
}
