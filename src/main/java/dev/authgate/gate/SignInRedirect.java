package dev.authgate.gate;

import io.javalin.http.Context;

/**
 * What /verify does with a refused request before it answers 401: a browser's page navigation is
 * sent to the login page instead. The browser package implements it; the gate only calls it.
 */
public interface SignInRedirect {
  /** Every refusal is answered with 401: an instance without browser sign-in. */
  SignInRedirect NONE = ctx -> false;

  /**
   * Answers the refused request itself when it is a page navigation, and says whether it did; it
   * may instead add headers to the 401 that follows (for proxies that cannot pass a redirect on).
   */
  boolean answered(Context ctx);
}
