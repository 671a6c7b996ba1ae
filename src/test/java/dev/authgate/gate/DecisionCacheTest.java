package dev.authgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.config.SettingsLoader;
import dev.authgate.keys.CurrentKeys;
import dev.authgate.keys.KeyDirectory;
import dev.authgate.keys.KeyPairFiles;
import dev.authgate.support.TempDirs;
import dev.authgate.support.TestClock;
import dev.authgate.token.Reason;
import dev.authgate.token.TokenIssuer;
import dev.authgate.token.TokenVerifier;
import dev.authgate.token.Trust;
import dev.authgate.token.Verification;
import dev.authgate.token.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecisionCacheTest {
  static final String ISSUER = "http://authgate.test";
  static final Duration TOKEN_TTL = Duration.ofMinutes(5);
  static final Duration SKEW = Duration.ofSeconds(30);

  final TestClock clock = new TestClock();
  static Path keyDir;
  TokenIssuer tokens;
  CountingVerifier verifier;

  @BeforeAll
  static void writeKey() throws Exception {
    keyDir = Files.createTempDirectory("authgate-cache-test");
    KeyPairFiles.write(KeyPairFiles.generate(), keyDir, "key");
  }

  @AfterAll
  static void removeKey() {
    TempDirs.delete(keyDir);
  }

  @BeforeEach
  void verifier() throws Exception {
    CurrentKeys keys = new CurrentKeys(new KeyDirectory(keyDir, Optional.empty()).load());
    var settings =
        SettingsLoader.load(Map.of("AUTH_ISSUER", ISSUER, "AUTH_KEYS_DIR", keyDir.toString()));
    verifier = new CountingVerifier(new TokenVerifier(Trust.issuers(settings, keys), clock, SKEW));
    tokens = new TokenIssuer(keys, ISSUER, Optional.empty(), TOKEN_TTL, TOKEN_TTL, clock);
  }

  DecisionCache cache() {
    return new DecisionCache(verifier, clock, Duration.ofSeconds(30), 100, 100);
  }

  String token(String sessionId) {
    return tokens.access("user-1", null, List.of(), List.of(), sessionId).token();
  }

  @Test
  void answersARepeatedTokenFromMemoryFromItsThirdRequestOn() {
    DecisionCache cache = cache();
    String token = token("s1");

    Verification first = cache.verify(token);
    Verification second = cache.verify(token);
    Verification third = cache.verify(token);

    assertThat(first).isInstanceOf(Verification.Verified.class);
    assertThat(second).isInstanceOf(Verification.Verified.class);
    assertThat(third).isSameAs(second);
    assertThat(verifier.calls.get()).isEqualTo(2);
  }

  @Test
  void countsTheAnswersGivenFromMemoryAndTheVerifications() {
    DecisionCache cache = cache();
    String bearer = token("s1");
    String cookie =
        tokens
            .session("user-1", null, List.of(), List.of(), "s2", clock.instant().plus(TOKEN_TTL))
            .token();

    for (int i = 0; i < 5; i++) {
      cache.verify(bearer);
      cache.verifySessionCookie(cookie);
    }
    assertThat(cache.remembered(bearer)).isNotNull();
    assertThat(cache.remembered("never-seen")).isNull();

    assertThat(cache.misses()).isEqualTo(verifier.calls.get()).isEqualTo(4);
    assertThat(cache.hits()).isEqualTo(7);
  }

  @Test
  void keepsNoAnswerForATokenSeenOnlyOnce() {
    DecisionCache cache = new DecisionCache(verifier, clock, Duration.ofSeconds(30), 1 << 20, 16);
    List<String> once = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      once.add(token("s" + i));
    }

    once.forEach(cache::verify);
    once.forEach(cache::verify);
    assertThat(verifier.calls.get()).isEqualTo(20);
    once.forEach(cache::verify);

    assertThat(verifier.calls.get()).isEqualTo(20);
  }

  @Test
  void asksAgainOnceTheTtlHasPassed() {
    DecisionCache cache = cache();
    String token = token("s1");
    cache.verify(token);
    cache.verify(token);

    clock.advance(Duration.ofSeconds(31));
    cache.verify(token);

    assertThat(verifier.calls.get()).isEqualTo(3);
  }

  @Test
  void refusesAnExpiredTokenThatWasAcceptedFromMemoryBefore() {
    DecisionCache cache = cache();
    String token = token("s1");
    for (int i = 0; i < 12; i++) {
      assertThat(cache.verify(token)).isInstanceOf(Verification.Verified.class);
      clock.advance(Duration.ofSeconds(25));
    }
    clock.advance(SKEW.plusSeconds(5));

    Verification late = cache.verify(token);

    assertThat(late).isInstanceOf(Verification.Refused.class);
    assertThat(((Verification.Refused) late).rejection().description())
        .isEqualTo("expired 35 s ago");
  }

  @Test
  void keepsAnAcceptanceNoLongerThanTheTokenLivesEvenWithinTheTtl() {
    DecisionCache cache = new DecisionCache(verifier, clock, Duration.ofHours(1), 100, 100);
    String token = token("s1");
    cache.verify(token);
    cache.verify(token);

    clock.advance(TOKEN_TTL.plus(SKEW).plusSeconds(1));

    assertThat(reason(cache.verify(token))).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void forgetsEveryAnswerWhenInvalidated() {
    DecisionCache cache = cache();
    String token = token("s1");
    cache.verify(token);
    cache.verify(token);

    cache.invalidateAll();
    cache.verify(token);

    assertThat(verifier.calls.get()).isEqualTo(3);
  }

  @Test
  void doesNotKeepAnAnswerWorkedOutWhileItWasInvalidated() {
    String token = token("s1");
    DecisionCache cache = cache();
    verifier.beforeEach = cache::invalidateAll;

    cache.verify(token);
    cache.verify(token);
    cache.verify(token);

    assertThat(verifier.calls.get()).isEqualTo(3);
  }

  @Test
  void keepsCookieAnswersApartFromBearerAnswers() {
    DecisionCache cache = cache();
    String session =
        tokens
            .session("user-1", null, List.of(), List.of(), "s1", clock.instant().plusSeconds(3600))
            .token();

    for (int i = 0; i < 3; i++) {
      assertThat(cache.verifySessionCookie(session)).isInstanceOf(Verification.Verified.class);
      assertThat(reason(cache.verify(session))).isEqualTo(Reason.NOT_ACCESS_TOKEN);
    }

    assertThat(verifier.calls.get()).isEqualTo(4);
  }

  @Test
  void remembersAForgedSignatureButNotAnExpiry() {
    DecisionCache cache = cache();
    String forged = damaged(token("s1"));
    String expiredLater = token("s2");
    clock.advance(TOKEN_TTL.plus(SKEW).plusSeconds(1));

    // One token after the other: interleaved, two tokens whose hashes share a slot of the
    // admission table (1 in 128 here) would keep each other out, which is allowed.
    for (int i = 0; i < 3; i++) {
      assertThat(reason(cache.verify(forged))).isEqualTo(Reason.BAD_SIGNATURE);
    }
    assertThat(verifier.calls.get()).isEqualTo(2);
    for (int i = 0; i < 3; i++) {
      assertThat(reason(cache.verify(expiredLater))).isEqualTo(Reason.EXPIRED);
    }

    assertThat(verifier.calls.get()).isEqualTo(5);
  }

  @Test
  void startsOverWhenFull() {
    DecisionCache cache = new DecisionCache(verifier, clock, Duration.ofSeconds(30), 2, 2);
    String a = token("a");
    String b = token("b");
    String c = token("c");
    for (String token : List.of(a, a, b, b, c, c)) {
      cache.verify(token);
    }
    int before = verifier.calls.get();

    cache.verify(a);

    assertThat(verifier.calls.get()).isEqualTo(before + 1);
  }

  @Test
  void refusesARevokedSessionEvenWhenItsTokenIsCached() {
    Set<String> revoked = ConcurrentHashMap.newKeySet();
    Gate gate = new Gate(new CredentialExtractor("authgate_session"), cache(), revoked::contains);
    String bearer = "Bearer " + token("s1");
    for (int i = 0; i < 3; i++) {
      assertThat(gate.decide(bearer, List.of())).isInstanceOf(Verification.Verified.class);
    }

    revoked.add("s1");

    assertThat(reason(gate.decide(bearer, List.of()))).isEqualTo(Reason.REVOKED);
    assertThat(verifier.calls.get()).isEqualTo(2);
  }

  static Reason reason(Verification v) {
    assertThat(v).isInstanceOf(Verification.Refused.class);
    return ((Verification.Refused) v).rejection().reason();
  }

  static String damaged(String token) {
    int at = token.lastIndexOf('.') + 10;
    char c = token.charAt(at);
    return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
  }

  /**
   * The real verifier, counting how often the cache has to ask it, and running a hook before each
   * answer (to drop the cache meanwhile, as a key reload may).
   */
  static final class CountingVerifier implements Verifier {
    final AtomicInteger calls = new AtomicInteger();
    Runnable beforeEach = () -> {};
    private final Verifier real;

    CountingVerifier(Verifier real) {
      this.real = real;
    }

    @Override
    public Verification verify(String token) {
      calls.incrementAndGet();
      beforeEach.run();
      return real.verify(token);
    }

    @Override
    public Verification verifySessionCookie(String token) {
      calls.incrementAndGet();
      beforeEach.run();
      return real.verifySessionCookie(token);
    }
  }
}
