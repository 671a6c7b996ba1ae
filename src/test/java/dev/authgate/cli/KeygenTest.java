package dev.authgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.keys.KeyDirectory;
import dev.authgate.keys.KeyRing;
import dev.authgate.keys.RingKey;
import dev.authgate.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenTest {
  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int keygen(String... args) {
    return Keygen.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void writesAKeyPairThatAuthKeysDirReadsAndServes() throws Exception {
    Path keys = dir.resolve("keys");

    assertThat(keygen("--out", keys.toString())).isZero();

    String kid =
        out.toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.startsWith("kid "))
            .findFirst()
            .orElseThrow()
            .substring(4);
    List<Path> files;
    try (Stream<Path> list = Files.list(keys)) {
      files = list.sorted().toList();
    }
    assertThat(files).hasSize(2);
    Path privateFile =
        files.stream().filter(f -> !f.toString().endsWith(".pub.pem")).findFirst().orElseThrow();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile)))
        .isEqualTo("rw-------");
    KeyRing ring = new KeyDirectory(keys, Optional.empty()).load();
    assertThat(ring.kids()).containsExactly(kid);
    assertThat(ring.signer()).map(RingKey::kid).hasValue(kid);
    assertThat(ring.signer().orElseThrow().bits()).isEqualTo(2048);

    try (TestServer server = TestServer.start(Map.of("AUTH_KEYS_DIR", keys.toString()))) {
      assertThat(server.get("/.well-known/jwks.json").body()).contains("\"kid\":\"" + kid + "\"");
      String token =
          server.service().tokens().access("user-1", null, List.of(), List.of(), null).token();
      assertThat(server.verify(token).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aVerifyOnlyReplicaNeedsJustThePublicFile() throws Exception {
    Path keys = dir.resolve("keys");
    keygen("--out", keys.toString());
    Path verifyOnly = Files.createDirectory(dir.resolve("verify-only"));
    try (Stream<Path> list = Files.list(keys)) {
      Path pub = list.filter(f -> f.toString().endsWith(".pub.pem")).findFirst().orElseThrow();
      Files.copy(pub, verifyOnly.resolve(pub.getFileName()));
    }

    KeyRing full = new KeyDirectory(keys, Optional.empty()).load();
    KeyRing ring = new KeyDirectory(verifyOnly, Optional.empty()).load();

    assertThat(ring.kids()).isEqualTo(full.kids());
    assertThat(ring.signer()).isEmpty();
  }

  @Test
  void exitsWithUsageOnWrongArguments() {
    assertThat(keygen()).isEqualTo(2);
    assertThat(keygen("--into", "x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("usage: java -jar authgate.jar keygen --out DIR");
  }
}
