import dev.authgate.keys.KeyDirectory;
import dev.authgate.keys.KeyRing;
import dev.authgate.token.TokenIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Mints the tokens bench/run sends, with authgate's own TokenIssuer and the bench-only key: one
 * valid access token, a session token for the cookie, a pool of distinct valid access tokens, and
 * the same tokens with a damaged signature.
 *
 * <p>Run from the repository: {@code java -cp target/authgate.jar bench/MintTokens.java KEYS_DIR
 * ISSUER COUNT OUT_DIR}.
 */
public final class MintTokens {
  private static final Duration TTL = Duration.ofHours(2);

  public static void main(String[] args) throws Exception {
    Path keys = Path.of(args[0]);
    String issuer = args[1];
    int count = Integer.parseInt(args[2]);
    Path out = Files.createDirectories(Path.of(args[3]));
    KeyRing ring = new KeyDirectory(keys, Optional.empty()).load();
    TokenIssuer tokens =
        new TokenIssuer(() -> ring, issuer, Optional.empty(), TTL, TTL, Clock.systemUTC());
    List<String> pool =
        IntStream.range(0, count).parallel().mapToObj(i -> mint(tokens, i)).toList();
    write(out.resolve("valid.txt"), List.of(mint(tokens, -1)));
    write(out.resolve("session.txt"), List.of(session(tokens)));
    write(out.resolve("pool.txt"), pool);
    write(out.resolve("invalid.txt"), List.of(damaged(mint(tokens, -2))));
    write(out.resolve("invalid-pool.txt"), pool.stream().map(MintTokens::damaged).toList());
  }

  private static String mint(TokenIssuer tokens, int i) {
    String user = i < 0 ? "bench-user" : "bench-user-" + i;
    return tokens
        .access(
            user,
            user + "@bench.example",
            List.of("reader", "writer"),
            List.of("docs:read", "docs:write"),
            "bench-session-" + i)
        .token();
  }

  private static String session(TokenIssuer tokens) {
    return tokens
        .session(
            "bench-user",
            "bench-user@bench.example",
            List.of("reader", "writer"),
            List.of("docs:read", "docs:write"),
            "bench-session",
            Instant.now().plus(TTL))
        .token();
  }

  /** The same token with one signature byte changed: well formed, signed by no key. */
  private static String damaged(String token) {
    int at = token.lastIndexOf('.') + 10;
    char c = token.charAt(at);
    return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
  }

  private static void write(Path file, List<String> lines) throws IOException {
    Files.write(file, lines);
  }
}
