package dev.authgate.gate;

/**
 * What /verify does with a refused request before it answers 401: a browser's page navigation is
 * sent to the login page instead. The browser package implements it; the gate only asks it.
 */
public interface SignInRedirect {
  /** Every refusal is answered with 401: an instance without browser sign-in. */
  SignInRedirect NONE = request -> null;

  /**
   * Where a refused request should go to sign in, or null when it is not a page navigation.
   *
   * @param location the login address, with the original URL in {@code rd}
   * @param viaHeader true when the answer must stay 401 and carry the address in {@code
   *     X-Auth-Redirect}, for a proxy that cannot pass a redirect on (Nginx); false for a 302
   */
  record Redirect(String location, boolean viaHeader) {}

  Redirect redirect(VerifyRequest request);
}
