package dev.authgate.bench;

import dev.authgate.gate.CredentialExtractor;
import dev.authgate.gate.DecisionCache;
import dev.authgate.gate.Gate;
import dev.authgate.gate.RevokedSessions;
import dev.authgate.keys.KeyFileException;
import dev.authgate.token.Verification;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One token verification without a cache (one RS256 signature check: the cost a new token pays),
 * and the gate's decision for a repeated token, which the decision cache answers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenVerificationBench {
  private BenchFixture fixture;
  private Gate gate;
  private String authorization;
  private String forgedAuthorization;
  private final List<String> noCookies = List.of();

  @Setup
  public void setUp() throws KeyFileException {
    fixture = new BenchFixture();
    DecisionCache cache =
        DecisionCache.standard(
            fixture.verifier, Clock.systemUTC(), fixture.settings.external().jwksCacheTtl());
    gate =
        new Gate(
            new CredentialExtractor(fixture.settings.browser().cookieName()),
            cache,
            RevokedSessions.NONE);
    authorization = "Bearer " + fixture.token;
    forgedAuthorization = "Bearer " + fixture.forged;
  }

  @Benchmark
  public Verification verifyNewToken() {
    return fixture.verifier.verify(fixture.token);
  }

  @Benchmark
  public Verification refuseForgedSignature() {
    return fixture.verifier.verify(fixture.forged);
  }

  @Benchmark
  public Verification decideRepeatedToken() {
    return gate.decide(authorization, noCookies);
  }

  @Benchmark
  public Verification decideRepeatedForgedToken() {
    return gate.decide(forgedAuthorization, noCookies);
  }
}
