package dev.authgate.bench;

import java.util.concurrent.TimeUnit;
import org.mindrot.jbcrypt.BCrypt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One bcrypt check at the configured cost (AUTH_BCRYPT_ROUNDS, default 10): the work of a login,
 * whose time bounds logins per second on this machine to cores / this time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LoginBench {
  private static final String PASSWORD = "bench-password-not-secret";
  private String hash;

  @Setup
  public void setUp() {
    int rounds = BenchFixture.settings(java.util.Map.of()).accounts().bcryptRounds();
    hash = BCrypt.hashpw(PASSWORD, BCrypt.gensalt(rounds));
  }

  @Benchmark
  public boolean bcryptCheck() {
    return BCrypt.checkpw(PASSWORD, hash);
  }
}
