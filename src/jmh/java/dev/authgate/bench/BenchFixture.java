package dev.authgate.bench;

import dev.authgate.config.Settings;
import dev.authgate.config.SettingsLoader;
import dev.authgate.keys.CurrentKeys;
import dev.authgate.keys.KeyDirectory;
import dev.authgate.keys.KeyFileException;
import dev.authgate.token.TokenIssuer;
import dev.authgate.token.TokenVerifier;
import dev.authgate.token.Trust;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verify path built the way Authgate builds it, over the bench-only key in bench/keys (JMH runs
 * from the repository root), and tokens signed with that key.
 */
final class BenchFixture {
  static final String ISSUER = "http://bench.authgate.test";
  static final Path KEYS = Path.of("bench/keys");

  final Settings settings;
  final CurrentKeys keys;
  final TokenVerifier verifier;
  final String token;
  final String forged;

  BenchFixture() throws KeyFileException {
    settings = settings(Map.of());
    keys = new CurrentKeys(new KeyDirectory(KEYS, Optional.empty()).load());
    verifier =
        new TokenVerifier(
            Trust.issuers(settings, keys), Clock.systemUTC(), settings.tokens().clockSkew());
    TokenIssuer issuer =
        new TokenIssuer(
            keys,
            ISSUER,
            Optional.empty(),
            Duration.ofHours(1),
            Duration.ofHours(1),
            Clock.systemUTC());
    token =
        issuer
            .access(
                "bench-user",
                "bench-user@bench.example",
                List.of("reader", "writer"),
                List.of("docs:read", "docs:write"),
                "bench-session")
            .token();
    forged = damaged(token);
  }

  static Settings settings(Map<String, String> more) {
    Map<String, String> env = new java.util.HashMap<>(more);
    env.put("AUTH_KEYS_DIR", KEYS.toString());
    env.put("AUTH_ISSUER", ISSUER);
    return SettingsLoader.load(env);
  }

  /** The token with one signature character changed: well formed, signed by no key. */
  static String damaged(String token) {
    int at = token.lastIndexOf('.') + 10;
    char c = token.charAt(at);
    return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
  }
}
