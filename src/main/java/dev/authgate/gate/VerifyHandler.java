package dev.authgate.gate;

import dev.authgate.rules.RuleSet;
import dev.authgate.rules.Target;
import dev.authgate.rules.Verdict;
import dev.authgate.token.Identity;
import dev.authgate.token.Reason;
import dev.authgate.token.Rejection;
import dev.authgate.token.Verification;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * /verify: answers the proxy with 200 and the identity headers, or 401 with a JSON body and an RFC
 * 6750 {@code WWW-Authenticate} header that says why. Identity headers come only from the verified
 * token: nothing the client sent is echoed back.
 */
public final class VerifyHandler implements Handler {
  public static final String USER_ID = "X-User-Id";
  public static final String USER_EMAIL = "X-User-Email";
  public static final String USER_NAME = "X-User-Name";
  public static final String USER_ROLES = "X-User-Roles";
  public static final String USER_PERMISSIONS = "X-User-Permissions";

  /** The request attribute that carries a refusal's reason code to the metrics and the log. */
  public static final String REASON_ATTRIBUTE = "authgate.reason";

  /** The request attribute with the user id of a caller refused with 403, for the security log. */
  public static final String USER_ATTRIBUTE = "authgate.user";

  /** The reason code of a 403: an access rule refused a known caller. */
  public static final String FORBIDDEN_BY_RULE = "rule";

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

  @Override
  public void handle(Context ctx) {
    List<String> cookies =
        ctx.req().getHeader("Cookie") == null
            ? List.of()
            : Collections.list(ctx.req().getHeaders("Cookie"));
    Verification result = gate.decide(ctx.header("Authorization"), cookies, ctx::header);
    Verdict verdict = rules.get().judge(Target.from(ctx::header, ctx.method().name()), result);
    ctx.header("Cache-Control", "no-store");
    if (verdict instanceof Verdict.Allow a) {
      allow(ctx, a.identity());
    } else if (verdict instanceof Verdict.Forbidden f) {
      ctx.attribute(REASON_ATTRIBUTE, FORBIDDEN_BY_RULE);
      if (result instanceof Verification.Verified v) {
        ctx.attribute(USER_ATTRIBUTE, v.identity().userId());
      }
      ctx.status(403)
          .contentType("application/json")
          .result(JsonBodies.error("forbidden", f.reason()));
    } else {
      Rejection rejection = ((Verdict.Unauthorized) verdict).rejection();
      ctx.attribute(REASON_ATTRIBUTE, rejection.reason().code());
      if (!signIn.answered(ctx)) {
        refuse(ctx, rejection);
      }
    }
  }

  /** 200, with the identity headers when the caller is known (a public path needs none). */
  private static void allow(Context ctx, Identity identity) {
    ctx.status(200);
    if (identity == null) {
      return;
    }
    ctx.header(USER_ID, identity.userId());
    identity.email().ifPresent(email -> ctx.header(USER_EMAIL, email));
    identity.name().ifPresent(name -> ctx.header(USER_NAME, name));
    if (!identity.rolesHeader().isEmpty()) {
      ctx.header(USER_ROLES, identity.rolesHeader());
    }
    if (!identity.permissionsHeader().isEmpty()) {
      ctx.header(USER_PERMISSIONS, identity.permissionsHeader());
    }
  }

  static void refuse(Context ctx, Rejection rejection) {
    ctx.status(401);
    ctx.attribute(REASON_ATTRIBUTE, rejection.reason().code());
    if (rejection.reason() == Reason.NO_CREDENTIAL) {
      ctx.header("WWW-Authenticate", "Bearer");
      ctx.contentType("application/json")
          .result(JsonBodies.error("unauthorized", rejection.description()));
      return;
    }
    ctx.header(
        "WWW-Authenticate",
        "Bearer error=\"invalid_token\", error_description=\"" + rejection.description() + "\"");
    ctx.contentType("application/json")
        .result(
            JsonBodies.error("invalid_token", rejection.description(), rejection.reason().code()));
  }
}
