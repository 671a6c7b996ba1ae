package dev.authgate.bench;

import dev.authgate.gate.Credential;
import dev.authgate.gate.CredentialExtractor;
import dev.authgate.keys.KeyFileException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Finding the credential in a bearer header, and in a Cookie header among other cookies. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CredentialExtractionBench {
  private CredentialExtractor extractor;
  private String authorization;
  private List<String> cookies;

  @Setup
  public void setUp() throws KeyFileException {
    BenchFixture fixture = new BenchFixture();
    String name = fixture.settings.browser().cookieName();
    extractor = new CredentialExtractor(name);
    authorization = "Bearer " + fixture.token;
    cookies = List.of("_ga=GA1.2.1234567890.1700000000; theme=dark; " + name + "=" + fixture.token);
  }

  @Benchmark
  public Credential bearerHeader() throws CredentialExtractor.AmbiguousCredential {
    return extractor.extract(authorization, List.of());
  }

  @Benchmark
  public Credential sessionCookie() throws CredentialExtractor.AmbiguousCredential {
    return extractor.extract(null, cookies);
  }
}
