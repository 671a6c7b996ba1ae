package dev.authgate.rules;

import dev.authgate.token.Identity;
import dev.authgate.token.Rejection;

/** What /verify answers: let the request pass, ask for a credential (401), or refuse it (403). */
public sealed interface Verdict {

  /**
   * Pass, with the caller's identity headers when there is an identity.
   *
   * @param identity null on a public path reached without a valid credential
   */
  record Allow(Identity identity) implements Verdict {}

  /** No valid credential where one is needed: 401, saying why. */
  record Unauthorized(Rejection rejection) implements Verdict {}

  /**
   * A known caller who may not pass: 403.
   *
   * @param reason names the missing role or permission
   */
  record Forbidden(String reason) implements Verdict {}
}
