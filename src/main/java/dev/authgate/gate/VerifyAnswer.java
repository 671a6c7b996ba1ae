package dev.authgate.gate;

import dev.authgate.token.Identity;
import dev.authgate.token.Rejection;

/** What /verify answers, before it is written as status, headers and body. */
public sealed interface VerifyAnswer {

  /** The HTTP status the answer is written with. */
  int status();

  /**
   * The reason code the metrics and the log count a refusal under, or null for an answer that lets
   * the request through.
   */
  String reason();

  /**
   * The request may pass.
   *
   * @param identity who the caller is, or null on a public path reached without a credential
   */
  record Allowed(Identity identity) implements VerifyAnswer {
    @Override
    public int status() {
      return 200;
    }

    @Override
    public String reason() {
      return null;
    }
  }

  /**
   * The caller is known, but an access rule refuses it.
   *
   * @param why which role or permission is missing
   * @param userId who was refused, for the security log
   */
  record Forbidden(String why, String userId) implements VerifyAnswer {
    /** The reason code of a 403: an access rule refused a known caller. */
    public static final String REASON = "rule";

    @Override
    public int status() {
      return 403;
    }

    @Override
    public String reason() {
      return REASON;
    }
  }

  /**
   * The caller is not known: 401, or 302 to the login page for a browser's page navigation.
   *
   * @param signIn where the browser should go to sign in, or null for a plain 401
   */
  record Refused(Rejection rejection, SignInRedirect.Redirect signIn) implements VerifyAnswer {
    @Override
    public int status() {
      return signIn != null && !signIn.viaHeader() ? 302 : 401;
    }

    @Override
    public String reason() {
      return rejection.reason().code();
    }
  }
}
