package dev.authgate.account;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.authgate.token.Reason;
import dev.authgate.token.Rejection;
import dev.authgate.token.TokenVerifier;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads authgate's own refresh tokens. They pass every check /verify makes except the last (the
 * verifier refuses a refresh token as an access token), so a token whose one finding is {@link
 * Reason#REFRESH_TOKEN} is a genuine refresh token; anything else is refused with the first reason.
 */
final class RefreshTokens {
  static final int MAX_CHARS = 16 * 1024;

  private final TokenVerifier verifier;
  private final String issuer;

  RefreshTokens(TokenVerifier verifier, String issuer) {
    this.verifier = verifier;
    this.issuer = issuer;
  }

  /** The claims that name a refresh session. */
  record Claims(UUID sessionId, UUID familyId, UUID userId) {}

  /** The session the token names, or a 401 that says why it names none. */
  Claims read(String token) {
    return check(token).orElseThrow(() -> AccountException.invalidToken("not a refresh token"));
  }

  /** Empty for a token that verifies as an access token; a 401 for one that does not verify. */
  Optional<Claims> check(String token) {
    if (token.length() > MAX_CHARS) {
      throw AccountException.invalidToken("malformed token: longer than " + MAX_CHARS);
    }
    List<Rejection> findings = verifier.diagnose(token);
    if (findings.isEmpty()) {
      return Optional.empty();
    }
    Rejection first = findings.get(0);
    if (first.reason() != Reason.REFRESH_TOKEN) {
      throw AccountException.invalidToken(first.description());
    }
    DecodedJWT jwt = JWT.decode(token);
    if (!issuer.equals(jwt.getIssuer())) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Claims(
              UUID.fromString(jwt.getId()),
              UUID.fromString(jwt.getClaim("sid").asString()),
              UUID.fromString(jwt.getSubject())));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw AccountException.invalidToken("malformed token: not a session of this issuer");
    }
  }
}
