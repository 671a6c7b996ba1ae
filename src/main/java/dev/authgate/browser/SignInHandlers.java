package dev.authgate.browser;

import dev.authgate.token.TokenIssuer;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;

/**
 * GET and POST /login and /register. A successful post sets the session cookie and answers 303 to
 * the validated return URL; a failed one shows the form again with the email kept and a message
 * that does not tell whether the account exists.
 */
final class SignInHandlers {
  static final String WRONG_CREDENTIALS = "The email or password is not correct.";
  static final String EXPIRED_FORM = "This form has expired. Please try again.";
  private static final int MAX_EMAIL = 320;

  /** One way to sign in: with a password, or by registering. */
  interface Attempt {
    PasswordSignIn.Outcome apply(String email, String password, String client, String agent);
  }

  /** Shows a form again with a status, the email and a message. */
  interface View {
    void show(Context ctx, int status, String email, String message, String rd);
  }

  private final FormPages forms;
  private final Csrf csrf;
  private final SessionCookie cookie;
  private final RedirectPolicy policy;
  private final TrustedProxies proxies;
  private final CurrentSession session;
  private final TokenIssuer tokens;
  private final Clock clock;

  SignInHandlers(
      FormPages forms,
      Csrf csrf,
      SessionCookie cookie,
      RedirectPolicy policy,
      TrustedProxies proxies,
      CurrentSession session,
      TokenIssuer tokens,
      Clock clock) {
    this.forms = forms;
    this.csrf = csrf;
    this.cookie = cookie;
    this.policy = policy;
    this.proxies = proxies;
    this.session = session;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** The form; a browser that is signed in already goes straight on to the return URL. */
  void showLogin(Context ctx) {
    String rd = Forms.returnUrl(ctx.queryParam("rd"));
    if (session.of(ctx).isPresent()) {
      forms.secure(ctx);
      ctx.status(303).header("Location", policy.target(rd));
      return;
    }
    forms.login(ctx, 200, "", "", rd);
  }

  void showRegister(Context ctx) {
    forms.register(ctx, 200, "", "", Forms.returnUrl(ctx.queryParam("rd")));
  }

  /** Handles a posted form: checks it, tries the attempt, and answers with its outcome. */
  void submit(Context ctx, Attempt attempt, View view) {
    String rd = Forms.returnUrl(Forms.field(ctx, "rd"));
    String email = Forms.field(ctx, "email").trim();
    if (!Forms.isForm(ctx)) {
      view.show(ctx, 415, "", "This form must be sent from its page.", rd);
      return;
    }
    if (!csrf.valid(ctx)) {
      view.show(ctx, 403, email, EXPIRED_FORM, rd);
      return;
    }
    String password = Forms.field(ctx, "password");
    if (email.isEmpty() || password.isEmpty()) {
      view.show(ctx, 400, email, "Enter your email and your password.", rd);
      return;
    }
    if (email.length() > MAX_EMAIL) {
      view.show(ctx, 400, "", "That email address is too long.", rd);
      return;
    }
    PasswordSignIn.Outcome outcome =
        attempt.apply(email, password, proxies.client(ctx), Forms.userAgent(ctx));
    answer(ctx, outcome, email, rd, view);
  }

  private void answer(
      Context ctx, PasswordSignIn.Outcome outcome, String email, String rd, View view) {
    if (outcome instanceof PasswordSignIn.SignedIn s) {
      signedIn(ctx, s, rd);
    } else if (outcome instanceof PasswordSignIn.Invalid i) {
      view.show(ctx, 400, email, i.message(), rd);
    } else if (outcome instanceof PasswordSignIn.Throttled t) {
      ctx.header("Retry-After", Long.toString(seconds(t.retryAfter())));
      view.show(ctx, 429, email, "Too many attempts. " + tryAgainIn(t.retryAfter()), rd);
    } else if (outcome instanceof PasswordSignIn.Unavailable u) {
      ctx.header("Retry-After", Long.toString(seconds(u.retryAfter())));
      view.show(ctx, 503, email, "Sign-in is unavailable right now. Please try again soon.", rd);
    } else {
      view.show(ctx, 401, email, WRONG_CREDENTIALS, rd);
    }
  }

  private void signedIn(Context ctx, PasswordSignIn.SignedIn s, String rd) {
    TokenIssuer.Issued session =
        tokens.session(
            s.userId(), s.email(), s.roles(), s.permissions(), s.sessionId(), s.sessionEnds());
    cookie.set(ctx, session.token(), Duration.between(clock.instant(), s.sessionEnds()));
    forms.secure(ctx);
    ctx.status(303).header("Location", policy.target(rd));
  }

  static String tryAgainIn(Duration wait) {
    long seconds = seconds(wait);
    if (seconds < 60) {
      return seconds == 1 ? "Try again in a second." : "Try again in " + seconds + " seconds.";
    }
    long minutes = (seconds + 59) / 60;
    return minutes == 1 ? "Try again in 1 minute." : "Try again in " + minutes + " minutes.";
  }

  private static long seconds(Duration d) {
    return Math.max(1, d.toSeconds());
  }
}
