package dev.authgate.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies bearer tokens against the trusted issuers. Immutable and thread-safe; build it once.
 *
 * <p>The checks run in this order, and the first failure is the answer:
 *
 * <ol>
 *   <li>structure: three base64url parts, header and payload JSON objects without duplicate
 *       members, at most 16 KiB ({@link TokenParser});
 *   <li>header: {@code alg} present and not {@code none}; no {@code jwk}, {@code jku}, {@code x5u},
 *       {@code x5c} (keys named by the token are never used); no {@code crit} extension, since none
 *       is understood (RFC 7515 4.1.11);
 *   <li>issuer: {@code iss} names a trusted issuer, which is chosen before any key is looked at;
 *   <li>algorithm: one the issuer is configured for;
 *   <li>key and signature: the issuer's key with the header's {@code kid};
 *   <li>time: {@code exp} present and not past, {@code nbf} and {@code iat} not in the future, each
 *       with the configured clock skew;
 *   <li>audience, when the issuer has one;
 *   <li>subject: a non-empty {@code sub};
 *   <li>type: never a refresh token, and {@code "type":"access"} where the issuer requires it
 *       ({@code "type":"session"} too, for a token from the session cookie).
 * </ol>
 *
 * The JDK checks the signature ({@link SignatureKey}); everything is enforced here, in this order,
 * rather than left to a JWT library's defaults, which accept a missing {@code exp}, a missing
 * {@code sub} and any {@code crit} header.
 */
public final class TokenVerifier implements Verifier {
  private static final List<String> EMBEDDED_KEY_HEADERS = List.of("jwk", "jku", "x5u", "x5c");

  private final TokenParser parser = new TokenParser();
  private final Map<String, TrustedIssuer> issuers;
  private final Clock clock;
  private final Duration skew;

  public TokenVerifier(List<TrustedIssuer> issuers, Clock clock, Duration skew) {
    Map<String, TrustedIssuer> byIss = new java.util.HashMap<>();
    for (TrustedIssuer issuer : issuers) {
      if (byIss.put(issuer.issuer(), issuer) != null) {
        throw new IllegalArgumentException("issuer " + issuer.issuer() + " is configured twice");
      }
    }
    this.issuers = Map.copyOf(byIss);
    this.clock = clock;
    this.skew = skew;
  }

  /** Verifies the token; the answer names the first reason it fails, if any. */
  @Override
  public Verification verify(String token) {
    return verify(token, false);
  }

  /**
   * Verifies a token that came in the session cookie, where a session token ({@code
   * "type":"session"}) of an issuer that requires access tokens is accepted as well. A session
   * token anywhere else is refused: it outlives access tokens and belongs to the browser that holds
   * it.
   */
  @Override
  public Verification verifySessionCookie(String token) {
    return verify(token, true);
  }

  private Verification verify(String token, boolean sessionAllowed) {
    Findings findings = new Findings(true, sessionAllowed);
    ParsedToken parsed = check(token, findings);
    if (findings.first() != null) {
      return new Verification.Refused(findings.first());
    }
    TrustedIssuer issuer = issuers.get(parsed.claimText("iss").orElseThrow());
    return new Verification.Verified(
        issuer.claims().identity(parsed),
        issuer.issuer(),
        parsed.claimText("sid").orElse(null),
        parsed.claimTime("exp").orElseThrow());
  }

  /**
   * Every reason the token would be refused (empty when it passes), for {@code authgate diagnose}.
   * Checks that need a verified signature still run, so that one look shows all that is wrong.
   */
  public List<Rejection> diagnose(String token) {
    Findings findings = new Findings(false, false);
    check(token, findings);
    return findings.all;
  }

  /** The issuers trusted, for diagnostics. */
  public Map<String, TrustedIssuer> issuers() {
    return issuers;
  }

  private ParsedToken check(String token, Findings findings) {
    ParsedToken parsed;
    try {
      parsed = parser.parse(token);
    } catch (MalformedToken e) {
      findings.add(e.rejection());
      return null;
    }
    boolean headerOk = !findings.add(checkHeader(parsed));
    if (findings.stop()) {
      return parsed;
    }
    TrustedIssuer issuer = null;
    Optional<String> iss = parsed.claimText("iss");
    if (iss.isEmpty()) {
      findings.add(Rejection.missingIssuer());
    } else if ((issuer = issuers.get(iss.get())) == null) {
      findings.add(Rejection.untrustedIssuer(iss.get()));
    }
    if (findings.stop()) {
      return parsed;
    }
    if (issuer != null && headerOk) {
      findings.add(checkSignature(parsed, issuer));
    }
    if (findings.stop()) {
      return parsed;
    }
    findings.add(checkTimes(parsed));
    if (findings.stop()) {
      return parsed;
    }
    if (issuer != null && issuer.audience().isPresent()) {
      findings.add(checkAudience(parsed, issuer.audience().get()));
    }
    if (parsed.claimText("sub").filter(s -> !s.isBlank()).isEmpty()) {
      findings.add(Rejection.missingSub());
    }
    if (findings.stop()) {
      return parsed;
    }
    findings.add(checkType(parsed, issuer, findings.sessionAllowed));
    return parsed;
  }

  private static Rejection checkHeader(ParsedToken parsed) {
    Optional<String> alg = parsed.headerText("alg");
    if (alg.isEmpty()) {
      return Rejection.malformed("the header has no alg");
    }
    if (alg.get().trim().toLowerCase(Locale.ROOT).equals("none")) {
      return Rejection.algorithmNone();
    }
    for (String name : EMBEDDED_KEY_HEADERS) {
      if (parsed.header().has(name)) {
        return Rejection.embeddedKey(name);
      }
    }
    JsonNode crit = parsed.header().get("crit");
    if (crit != null) {
      return Rejection.unsupportedCritical(
          crit.isArray() ? ClaimMapping.strings(crit).toString() : crit.toString());
    }
    JsonNode kid = parsed.header().get("kid");
    if (kid != null && !kid.isTextual()) {
      return Rejection.malformed("the kid is not a string");
    }
    return null;
  }

  private static Rejection checkSignature(ParsedToken parsed, TrustedIssuer issuer) {
    String alg = parsed.headerText("alg").orElseThrow();
    if (!issuer.algorithms().contains(alg)) {
      return Rejection.algorithmNotAllowed(
          alg, issuer.issuer(), new java.util.TreeSet<>(issuer.algorithms()));
    }
    KeySource.Lookup lookup = issuer.keys().find(parsed.headerText("kid").orElse(null), alg);
    if (!lookup.found()) {
      return lookup.rejection();
    }
    String raw = parsed.raw();
    int dot = raw.lastIndexOf('.');
    byte[] signingInput = raw.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
    byte[] signature;
    try {
      signature = Base64.getUrlDecoder().decode(raw.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Rejection.malformed("the signature does not decode");
    }
    for (SignatureKey candidate : lookup.candidates()) {
      if (candidate.algorithm().equals(alg) && candidate.verifies(signingInput, signature)) {
        return null;
      }
    }
    return Rejection.badSignature();
  }

  private List<Rejection> checkTimes(ParsedToken parsed) {
    List<Rejection> out = new ArrayList<>(1);
    Instant now = clock.instant();
    Optional<Instant> exp = parsed.claimTime("exp");
    if (exp.isEmpty()) {
      out.add(Rejection.missingExp());
    } else if (exp.get().plus(skew).isBefore(now)) {
      out.add(Rejection.expired(exp.get(), now));
    }
    parsed
        .claimTime("nbf")
        .filter(nbf -> nbf.minus(skew).isAfter(now))
        .ifPresent(nbf -> out.add(Rejection.notYetValid(nbf)));
    parsed
        .claimTime("iat")
        .filter(iat -> iat.minus(skew).isAfter(now))
        .ifPresent(iat -> out.add(Rejection.issuedInFuture(iat)));
    return out;
  }

  private static Rejection checkAudience(ParsedToken parsed, String expected) {
    JsonNode aud = parsed.payload().get("aud");
    boolean ok =
        aud != null
            && (aud.isTextual()
                ? aud.asText().equals(expected)
                : ClaimMapping.strings(aud).contains(expected) && aud.isArray());
    return ok ? null : Rejection.audienceMismatch(expected);
  }

  private static Rejection checkType(
      ParsedToken parsed, TrustedIssuer issuer, boolean sessionAllowed) {
    Optional<String> type = parsed.claimText("type");
    if (type.filter("refresh"::equals).isPresent()
        || parsed
            .headerText("typ")
            .filter(t -> t.toLowerCase(Locale.ROOT).contains("refresh"))
            .isPresent()) {
      return Rejection.refreshToken();
    }
    if (sessionAllowed && type.filter("session"::equals).isPresent()) {
      return null;
    }
    if (issuer != null && issuer.requireAccessType() && type.filter("access"::equals).isEmpty()) {
      return Rejection.notAccessToken(type.orElse(""));
    }
    return null;
  }

  /** Collects rejections; on the hot path it stops at the first. */
  private static final class Findings {
    private final boolean firstOnly;
    private final boolean sessionAllowed;
    private final List<Rejection> all = new ArrayList<>(2);

    Findings(boolean firstOnly, boolean sessionAllowed) {
      this.firstOnly = firstOnly;
      this.sessionAllowed = sessionAllowed;
    }

    /** Records a rejection if there is one, and says whether there was. */
    boolean add(Rejection r) {
      if (r != null) {
        all.add(r);
        return true;
      }
      return false;
    }

    void add(List<Rejection> rs) {
      all.addAll(rs);
    }

    boolean stop() {
      return firstOnly && !all.isEmpty();
    }

    Rejection first() {
      return all.isEmpty() ? null : all.get(0);
    }
  }
}
