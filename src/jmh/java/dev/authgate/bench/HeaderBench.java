package dev.authgate.bench;

import dev.authgate.token.Identity;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Building the identity header values (cleaned of control characters, roles and permissions
 * joined), which happens once per verified token: a cached answer reuses them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HeaderBench {
  private final String user = "bench-user";
  private final Optional<String> email = Optional.of("bench-user@bench.example");
  private final List<String> roles = List.of("reader", "writer");
  private final List<String> permissions = List.of("docs:read", "docs:write");

  @Benchmark
  public Identity identityHeaders() {
    return new Identity(user, email, roles, permissions);
  }
}
