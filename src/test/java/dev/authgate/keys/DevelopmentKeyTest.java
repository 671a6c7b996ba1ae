package dev.authgate.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without AUTH_KEYS_DIR: one development key, private to its owner, kept across restarts. */
class DevelopmentKeyTest {
  @TempDir Path data;

  @Test
  void createsTheKeyOwnerOnlyAndKeepsItSoATokenSurvivesARestart() throws Exception {
    Map<String, String> env = Map.of("AUTH_DATA_DIR", data.toString());
    String token;
    String jwks;
    try (TestServer first = TestServer.start(env)) {
      token = first.service().tokens().access("user-1", null, List.of(), List.of(), null).token();
      jwks = first.get("/.well-known/jwks.json").body();
      assertThat(first.verify(token).statusCode()).isEqualTo(200);
    }
    Path key = data.resolve("keys").resolve("dev-signing-key.pem");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    byte[] written = Files.readAllBytes(key);

    try (TestServer second = TestServer.start(env)) {
      assertThat(second.verify(token).statusCode()).isEqualTo(200);
      assertThat(second.get("/.well-known/jwks.json").body()).isEqualTo(jwks);
    }
    assertThat(Files.readAllBytes(key)).isEqualTo(written);
  }
}
