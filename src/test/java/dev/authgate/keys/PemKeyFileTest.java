package dev.authgate.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authgate.support.TestKeys;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemKeyFileTest {
  @TempDir Path dir;

  @Test
  void readsOneKeyFromEveryPemFormatWithTheSameKid() {
    RingKey pkcs8 = TestKeys.read("a.pkcs8.pem");
    RingKey pkcs1 = TestKeys.read("a.pkcs1.pem");
    RingKey publicKey = TestKeys.read("a.public.pem");
    RingKey rsaPublicKey = TestKeys.read("a.rsa-public.pem");
    RingKey certificate = TestKeys.read("a.certificate.pem");

    assertThat(pkcs8.canSign()).isTrue();
    assertThat(pkcs1.canSign()).isTrue();
    assertThat(publicKey.canSign()).isFalse();
    assertThat(rsaPublicKey.canSign()).isFalse();
    assertThat(certificate.canSign()).isFalse();
    assertThat(
            java.util.List.of(pkcs1.kid(), publicKey.kid(), rsaPublicKey.kid(), certificate.kid()))
        .containsOnly(pkcs8.kid());
    assertThat(pkcs1.publicKey()).isEqualTo(pkcs8.publicKey());
    assertThat(pkcs8.bits()).isEqualTo(2048);
    assertThat(pkcs8.source()).isEqualTo("a.pkcs8.pem");
  }

  @Test
  void kidIsTheRfc7638ThumbprintOfTheSpecificationsExampleKey() throws Exception {
    String n =
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECP"
            + "ebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2"
            + "QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vM"
            + "QFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    RSAPublicKey key =
        (RSAPublicKey)
            KeyFactory.getInstance("RSA")
                .generatePublic(
                    new RSAPublicKeySpec(
                        new BigInteger(1, Base64.getUrlDecoder().decode(n)),
                        new BigInteger(1, Base64.getUrlDecoder().decode("AQAB"))));

    assertThat(Thumbprints.of(key)).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    assertThat(Thumbprints.base64Url(key.getModulus())).isEqualTo(n);
  }

  @Test
  void refusesAnRsaKeyUnder2048BitsNamingTheFile() {
    Path file = TestKeys.file("small-1024.pem");

    assertThatThrownBy(() -> PemKeyFile.read(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("1024-bit RSA key; at least 2048 bits are required");
  }

  @Test
  void refusesAFileThatIsNotPemNamingIt() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "just some text\n");

    assertThatThrownBy(() -> PemKeyFile.read(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessage(file + ": is not a PEM file (no -----BEGIN ...----- block)");
  }

  @Test
  void refusesAPemBlockThatDoesNotParseNamingTheFile() throws IOException {
    String pem = Files.readString(TestKeys.file("a.pkcs8.pem"));
    Path file = Files.writeString(dir.resolve("cut.pem"), pem.replace("MII", "MIA"));

    assertThatThrownBy(() -> PemKeyFile.read(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessageStartingWith(file + ": the PRIVATE KEY block does not parse as an RSA key");
  }

  @Test
  void refusesAnEcKeyNamingTheFile() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    byte[] der = ec.generateKeyPair().getPublic().getEncoded();
    Path file = Files.writeString(dir.resolve("ec.pem"), pem("PUBLIC KEY", der));

    assertThatThrownBy(() -> PemKeyFile.read(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessageStartingWith(file.toString());
  }

  @Test
  void refusesAnEncryptedPrivateKeySayingHowToMountIt() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("locked.pem"), pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00}));

    assertThatThrownBy(() -> PemKeyFile.read(file))
        .hasMessage(
            file
                + ": holds an encrypted private key; mount it unencrypted (openssl pkcs8"
                + " -nocrypt)");
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
