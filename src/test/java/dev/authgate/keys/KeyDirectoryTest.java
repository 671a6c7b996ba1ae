package dev.authgate.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authgate.support.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyDirectoryTest {
  @TempDir Path dir;

  static final String A = TestKeys.read("a.pkcs8.pem").kid();
  static final String B = TestKeys.read("b.pkcs8.pem").kid();

  /** Key a written a day before key b, so b is the newer one. */
  private void twoKeys() throws IOException {
    TestKeys.copy(dir, "a.pkcs8.pem", "b.pkcs8.pem");
    Instant t = Instant.parse("2026-11-01T00:00:00Z");
    Files.setLastModifiedTime(dir.resolve("a.pkcs8.pem"), FileTime.from(t));
    Files.setLastModifiedTime(dir.resolve("b.pkcs8.pem"), FileTime.from(t.plusSeconds(86400)));
  }

  @Test
  void acceptsEveryKeyAndSignsWithTheNewestPrivateKey() throws Exception {
    twoKeys();

    KeyRing ring = new KeyDirectory(dir, Optional.empty()).load();

    assertThat(ring.kids()).containsExactlyInAnyOrder(A, B);
    assertThat(ring.signer()).map(RingKey::kid).hasValue(B);
  }

  @Test
  void signsWithTheKeyAuthSigningKeyNamesByKidOrByFileName() throws Exception {
    twoKeys();

    assertThat(new KeyDirectory(dir, Optional.of(A)).load().signer()).map(RingKey::kid).hasValue(A);
    assertThat(new KeyDirectory(dir, Optional.of("a.pkcs8.pem")).load().signer())
        .map(RingKey::kid)
        .hasValue(A);
  }

  @Test
  void refusesAnAuthSigningKeyThatNamesNoPrivateKeyListingTheOnes() throws Exception {
    twoKeys();

    assertThatThrownBy(() -> new KeyDirectory(dir, Optional.of("gone.pem")).load())
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("AUTH_SIGNING_KEY=gone.pem names no private key here")
        .hasMessageContaining("a.pkcs8.pem (kid " + A + ")")
        .hasMessageContaining("b.pkcs8.pem (kid " + B + ")");
  }

  @Test
  void publishesPublicOnlyKeysWithoutSigningWithThem() throws Exception {
    TestKeys.copy(dir, "a.public.pem");

    KeyRing ring = new KeyDirectory(dir, Optional.empty()).load();

    assertThat(ring.kids()).containsExactly(A);
    assertThat(ring.signer()).isEmpty();
  }

  @Test
  void countsAKeyMountedAsPrivateAndPublicFileOnce() throws Exception {
    TestKeys.copy(dir, "a.pkcs8.pem", "a.public.pem", "a.certificate.pem");

    KeyRing ring = new KeyDirectory(dir, Optional.empty()).load();

    assertThat(ring.keys()).hasSize(1);
    assertThat(ring.signer()).map(RingKey::kid).hasValue(A);
  }

  @Test
  void skipsHiddenEntriesOfASecretMount() throws Exception {
    TestKeys.copy(dir, "a.pkcs8.pem");
    Files.writeString(dir.resolve(".not-a-key"), "junk");

    assertThat(new KeyDirectory(dir, Optional.empty()).load().kids()).containsExactly(A);
  }

  @Test
  void failsTheLoadOnABrokenFileNamingIt() throws Exception {
    TestKeys.copy(dir, "a.pkcs8.pem");
    Path broken = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN PRIVATE KEY-----\n");

    assertThatThrownBy(() -> new KeyDirectory(dir, Optional.empty()).load())
        .isInstanceOf(KeyFileException.class)
        .hasMessageStartingWith(broken.toString());
  }

  @Test
  void refusesADirectoryWithoutKeysOrThatDoesNotExist() {
    assertThatThrownBy(() -> new KeyDirectory(dir, Optional.empty()).load())
        .hasMessageContaining("holds no key files");
    assertThatThrownBy(() -> new KeyDirectory(dir.resolve("missing"), Optional.empty()).load())
        .hasMessageContaining("missing: is not a readable directory");
  }

  @Test
  void publishesAJwksWithOnlyPublicMembers() throws Exception {
    TestKeys.copy(dir, "a.pkcs8.pem");

    String jwks = new String(new KeyDirectory(dir, Optional.empty()).load().jwks());

    assertThat(jwks).contains("\"kid\":\"" + A + "\"", "\"kty\":\"RSA\"", "\"e\":\"AQAB\"");
    assertThat(jwks).doesNotContain("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"");
  }
}
