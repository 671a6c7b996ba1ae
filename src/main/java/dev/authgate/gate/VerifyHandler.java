package dev.authgate.gate;

import dev.authgate.rules.RuleSet;
import dev.authgate.rules.Target;
import dev.authgate.rules.Verdict;
import dev.authgate.token.Rejection;
import dev.authgate.token.Verification;
import java.util.List;
import java.util.function.Supplier;

/**
 * /verify: lets a request through with the caller's identity, or refuses it and says why. Identity
 * headers come only from the verified token: nothing the client sent is echoed back. How the answer
 * becomes status, headers and body is the web layer's business.
 */
public final class VerifyHandler {
  public static final String USER_ID = "X-User-Id";
  public static final String USER_EMAIL = "X-User-Email";
  public static final String USER_NAME = "X-User-Name";
  public static final String USER_ROLES = "X-User-Roles";
  public static final String USER_PERMISSIONS = "X-User-Permissions";

  private final Gate gate;
  private final SignInRedirect signIn;
  private final Supplier<RuleSet> rules;

  public VerifyHandler(Gate gate) {
    this(gate, SignInRedirect.NONE);
  }

  public VerifyHandler(Gate gate, SignInRedirect signIn) {
    this(gate, signIn, () -> RuleSet.AUTHENTICATED_EVERYWHERE);
  }

  /**
   * @param rules the access rules in force, asked once per request so that a reload takes effect
   */
  public VerifyHandler(Gate gate, SignInRedirect signIn, Supplier<RuleSet> rules) {
    this.gate = gate;
    this.signIn = signIn;
    this.rules = rules;
  }

  public VerifyAnswer answer(VerifyRequest request) {
    List<String> cookies = request.headers("Cookie");
    return answer(request, gate.decide(request.header("Authorization"), cookies, request::header));
  }

  /**
   * The answer, when it can be given from memory alone (a token answered before, no token, an API
   * key); null when the token must first be verified, which may wait for a remote key set.
   */
  public VerifyAnswer answerFromMemory(VerifyRequest request) {
    List<String> cookies = request.headers("Cookie");
    Verification result =
        gate.decideFromMemory(request.header("Authorization"), cookies, request::header);
    return result == null ? null : answer(request, result);
  }

  private VerifyAnswer answer(VerifyRequest request, Verification result) {
    Verdict verdict =
        rules.get().judge(() -> Target.from(request::header, request.method()), result);
    if (verdict instanceof Verdict.Allow a) {
      return new VerifyAnswer.Allowed(a.identity());
    }
    if (verdict instanceof Verdict.Forbidden f) {
      String user = result instanceof Verification.Verified v ? v.identity().userId() : null;
      return new VerifyAnswer.Forbidden(f.reason(), user);
    }
    Rejection rejection = ((Verdict.Unauthorized) verdict).rejection();
    return new VerifyAnswer.Refused(rejection, signIn.redirect(request));
  }
}
