package dev.authgate.gate;

import dev.authgate.token.Rejection;
import dev.authgate.token.Verification;
import dev.authgate.token.Verifier;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Decides who a request is: finds its credential, verifies it, and consults the revocation list. It
 * touches no database and no network, so it keeps answering when both are down.
 */
public final class Gate {
  private static final Verification NO_CREDENTIAL =
      new Verification.Refused(Rejection.noCredential());
  private static final Verification REVOKED = new Verification.Refused(Rejection.revoked());

  private final CredentialExtractor credentials;
  private final Verifier verifier;
  private final RevokedSessions revoked;
  private final DevHeaders devHeaders;
  private final ApiKeyCheck apiKeys;

  public Gate(CredentialExtractor credentials, Verifier verifier, RevokedSessions revoked) {
    this(credentials, verifier, revoked, DevHeaders.OFF, ApiKeyCheck.NONE);
  }

  public Gate(
      CredentialExtractor credentials,
      Verifier verifier,
      RevokedSessions revoked,
      DevHeaders dev,
      ApiKeyCheck apiKeys) {
    this.credentials = credentials;
    this.verifier = verifier;
    this.revoked = revoked;
    this.devHeaders = dev;
    this.apiKeys = apiKeys;
  }

  /**
   * The identity behind a /verify request. Without a token, an API key ({@code X-API-Key}, or
   * {@code Authorization: ApiKey <key>}) counts, and then development headers when they are on.
   */
  public Verification decide(
      String authorization, List<String> cookieHeaders, UnaryOperator<String> header) {
    return decide(authorization, cookieHeaders, header, false);
  }

  /**
   * The same answer, when it can be given from memory alone: null when a token would first have to
   * be verified, which may wait for a remote key set. A caller on a thread that must not wait asks
   * this first.
   */
  public Verification decideFromMemory(
      String authorization, List<String> cookieHeaders, UnaryOperator<String> header) {
    return decide(authorization, cookieHeaders, header, true);
  }

  private Verification decide(
      String authorization,
      List<String> cookieHeaders,
      UnaryOperator<String> header,
      boolean fromMemory) {
    Verification result = decide(authorization, cookieHeaders, fromMemory);
    if (result instanceof Verification.Refused r
        && r.rejection().reason() == dev.authgate.token.Reason.NO_CREDENTIAL) {
      String key = apiKey(authorization, header.apply("X-API-Key"));
      return key != null ? apiKeys.check(key) : devHeaders.identify(header).orElse(result);
    }
    return result;
  }

  private static String apiKey(String authorization, String header) {
    if (header != null && !header.isBlank()) {
      return header.trim();
    }
    if (authorization != null && authorization.regionMatches(true, 0, "ApiKey ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    return null;
  }

  /** The identity behind the request, or why there is none. */
  public Verification decide(String authorization, List<String> cookieHeaders) {
    return decide(authorization, cookieHeaders, false);
  }

  private Verification decide(
      String authorization, List<String> cookieHeaders, boolean fromMemory) {
    Credential credential;
    try {
      credential = credentials.extract(authorization, cookieHeaders);
    } catch (CredentialExtractor.AmbiguousCredential e) {
      return new Verification.Refused(
          new Rejection(dev.authgate.token.Reason.MALFORMED, e.getMessage()));
    }
    if (credential == null) {
      return NO_CREDENTIAL;
    }
    // Null (not in memory) passes through: it is not a Verified.
    Verification result = verification(credential, fromMemory);
    if (result instanceof Verification.Verified v
        && v.sessionId() != null
        && revoked.isRevoked(v.sessionId())) {
      return REVOKED;
    }
    return result;
  }

  private Verification verification(Credential credential, boolean fromMemory) {
    boolean cookie = credential.source() == Credential.Source.COOKIE;
    if (fromMemory) {
      return cookie
          ? verifier.rememberedSessionCookie(credential.value())
          : verifier.remembered(credential.value());
    }
    return cookie
        ? verifier.verifySessionCookie(credential.value())
        : verifier.verify(credential.value());
  }
}
