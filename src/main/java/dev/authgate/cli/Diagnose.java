package dev.authgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authgate.config.Settings;
import dev.authgate.keys.CurrentKeys;
import dev.authgate.keys.KeySetup;
import dev.authgate.token.Reason;
import dev.authgate.token.Rejection;
import dev.authgate.token.TokenVerifier;
import dev.authgate.token.Trust;
import dev.authgate.token.TrustedIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * {@code authgate diagnose <token>}: decodes a token and says, against the configuration in the
 * environment, every reason the gate would refuse it. It replaces {@code cut | base64 -d | jq}.
 */
public final class Diagnose {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USAGE =
      "usage: java -jar authgate.jar diagnose [TOKEN | -]   (without TOKEN, or with -, the token"
          + " is read from stdin)";

  private Diagnose() {}

  public static int run(
      String[] args,
      InputStream in,
      PrintStream out,
      PrintStream err,
      Settings settings,
      Clock clock) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(USAGE);
      return 0;
    }
    String token = token(args, in, err);
    if (token == null) {
      return 2;
    }
    CurrentKeys keys = new CurrentKeys(KeySetup.load(KeySetup.directory(settings), settings));
    List<TrustedIssuer> issuers = Trust.issuers(settings, keys);
    TokenVerifier verifier = new TokenVerifier(issuers, clock, settings.tokens().clockSkew());

    printPart(out, "header", token, 0);
    printPart(out, "claims", token, 1);
    out.println(
        "now: "
            + clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            + " (clock skew allowed: "
            + settings.tokens().clockSkew().getSeconds()
            + " s)");
    out.println(
        "trusted issuers: "
            + issuers.stream().map(i -> i.issuer() + " " + i.algorithms()).toList());

    List<Rejection> reasons = verifier.diagnose(token);
    if (reasons.isEmpty()) {
      out.println("verdict: PASS - /verify would accept this token");
      return 0;
    }
    out.println("verdict: REJECT - /verify would answer 401:");
    for (Rejection r : reasons) {
      out.println("  - " + r.description() + " [" + r.reason().code() + "]");
      if (r.reason() == Reason.UNKNOWN_KID || r.reason() == Reason.BAD_SIGNATURE) {
        issuers.forEach(
            i -> out.println("    known kids for " + i.issuer() + ": " + i.keys().knownKids()));
      }
    }
    return 1;
  }

  /** The token from the one argument or from stdin, or null (after saying why) for bad usage. */
  private static String token(String[] args, InputStream in, PrintStream err) {
    if (args.length > 1 || (args.length == 1 && args[0].startsWith("-") && !args[0].equals("-"))) {
      err.println(USAGE);
      return null;
    }
    String token;
    try {
      boolean stdin = args.length == 0 || args[0].equals("-");
      token = stdin ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : args[0];
    } catch (IOException e) {
      err.println("authgate diagnose: cannot read the token from stdin: " + e.getMessage());
      return null;
    }
    token = token.trim();
    if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = token.substring(7).trim();
    }
    if (token.isEmpty()) {
      err.println(USAGE);
      return null;
    }
    return token;
  }

  private static void printPart(PrintStream out, String name, String token, int index) {
    String[] parts = token.split("\\.", -1);
    if (parts.length <= index) {
      out.println(name + ": (missing)");
      return;
    }
    try {
      JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(parts[index]));
      out.println(name + ": " + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
      if (index == 1 && node != null && node.isObject()) {
        for (String claim : new String[] {"iat", "nbf", "exp"}) {
          JsonNode t = node.get(claim);
          if (t != null && t.isNumber()) {
            out.println("  " + claim + " = " + Instant.ofEpochSecond(t.asLong()));
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      out.println(name + ": (not base64url JSON)");
    }
  }
}
