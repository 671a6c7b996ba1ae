package dev.authgate.token;

import java.time.Instant;

/** The outcome of verifying a token: an identity, or the reason it was refused. */
public sealed interface Verification {

  /**
   * A token that passed every check.
   *
   * @param sessionId the {@code sid} claim of authgate's own tokens, by which a signed-out session
   *     is found in the revocation list; null for tokens without one
   */
  record Verified(Identity identity, String issuer, String sessionId, Instant expiresAt)
      implements Verification {}

  /** A token that failed; the rejection says why. */
  record Refused(Rejection rejection) implements Verification {}
}
