package dev.authgate.browser;

import dev.authgate.token.Verification;
import io.javalin.http.Context;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET and POST /logout: ends the refresh session behind the cookie (the revocation list then
 * refuses its token everywhere), clears the cookie, and shows the signed-out page or follows a
 * validated return URL. A GET that the browser marks cross-site only asks for confirmation, so a
 * link or image on another site cannot sign anyone out.
 */
final class SignOutHandlers {
  private static final Logger log = LoggerFactory.getLogger(SignOutHandlers.class);

  private final FormPages forms;
  private final Csrf csrf;
  private final SessionCookie cookie;
  private final RedirectPolicy policy;
  private final TrustedProxies proxies;
  private final CurrentSession session;
  private final PasswordSignIn accounts;

  SignOutHandlers(
      FormPages forms,
      Csrf csrf,
      SessionCookie cookie,
      RedirectPolicy policy,
      TrustedProxies proxies,
      CurrentSession session,
      PasswordSignIn accounts) {
    this.forms = forms;
    this.csrf = csrf;
    this.cookie = cookie;
    this.policy = policy;
    this.proxies = proxies;
    this.session = session;
    this.accounts = accounts;
  }

  void get(Context ctx) {
    String rd = Forms.returnUrl(ctx.queryParam("rd"));
    if ("cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"))) {
      forms.confirmSignOut(ctx, 200, "", rd);
      return;
    }
    signOut(ctx, rd);
  }

  void post(Context ctx) {
    String rd = Forms.returnUrl(Forms.field(ctx, "rd"));
    if (!Forms.isForm(ctx) || !csrf.valid(ctx)) {
      forms.confirmSignOut(ctx, 403, SignInHandlers.EXPIRED_FORM, rd);
      return;
    }
    signOut(ctx, rd);
  }

  private void signOut(Context ctx, String rd) {
    cookie.clear(ctx);
    if (!endSession(ctx)) {
      forms.confirmSignOut(
          ctx,
          503,
          "This browser is signed out, but the session could not be ended everywhere."
              + " Please try again soon.",
          rd);
      return;
    }
    if (policy.allowed(rd)) {
      forms.secure(ctx);
      ctx.status(303).header("Location", rd);
      return;
    }
    forms.signedOut(ctx);
  }

  /** Ends the session of the cookie, if it holds a valid one; false when the accounts failed. */
  private boolean endSession(Context ctx) {
    Optional<Verification.Verified> current = session.of(ctx).filter(v -> v.sessionId() != null);
    if (current.isEmpty()) {
      return true;
    }
    String sessionId = current.get().sessionId();
    try {
      accounts.signOut(sessionId, current.get().identity().userId(), proxies.client(ctx));
      return true;
    } catch (RuntimeException e) {
      log.warn("sign-out of session {} failed: {}", sessionId, e.toString());
      return false;
    }
  }
}
