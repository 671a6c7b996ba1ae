package dev.authgate.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one RSA key from a PEM file as Kubernetes and Docker mount them: {@code PRIVATE KEY}
 * (PKCS#8), {@code RSA PRIVATE KEY} (PKCS#1), {@code PUBLIC KEY}, {@code RSA PUBLIC KEY} or an
 * X.509 {@code CERTIFICATE}. The first block of one of these types is the file's key.
 */
public final class PemKeyFile {
  public static final int MIN_RSA_BITS = 2048;
  private static final int MAX_FILE_BYTES = 1 << 20;
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----", Pattern.DOTALL);

  private PemKeyFile() {}

  /** Reads the file's key, or says in the exception why the file cannot serve as one. */
  public static RingKey read(Path file) throws KeyFileException {
    String text = contents(file);
    Matcher m = BLOCK.matcher(text);
    boolean sawBlock = false;
    while (m.find()) {
      sawBlock = true;
      String type = m.group(1);
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(m.group(2));
      } catch (IllegalArgumentException e) {
        throw new KeyFileException(file, "the " + type + " block is not valid base64");
      }
      Optional<RingKey> key = parse(file, type, der);
      if (key.isPresent()) {
        return checked(file, key.get());
      }
    }
    throw new KeyFileException(
        file,
        sawBlock
            ? "holds no RSA key (expected PRIVATE KEY, RSA PRIVATE KEY, PUBLIC KEY or CERTIFICATE)"
            : "is not a PEM file (no -----BEGIN ...----- block)");
  }

  private static String contents(Path file) throws KeyFileException {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new KeyFileException(file, "is larger than 1 MiB, which no key file is");
      }
      return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot be read (" + e.getMessage() + ")");
    }
  }

  private static Optional<RingKey> parse(Path file, String type, byte[] der)
      throws KeyFileException {
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      return switch (type) {
        case "PRIVATE KEY" ->
            Optional.of(fromPrivate(file, rsa.generatePrivate(new PKCS8EncodedKeySpec(der))));
        case "RSA PRIVATE KEY" ->
            Optional.of(
                fromPrivate(
                    file, rsa.generatePrivate(new PKCS8EncodedKeySpec(Der.pkcs8FromPkcs1(der)))));
        case "PUBLIC KEY" ->
            Optional.of(fromPublic(file, rsa.generatePublic(new X509EncodedKeySpec(der)), null));
        case "RSA PUBLIC KEY" ->
            Optional.of(
                fromPublic(
                    file,
                    rsa.generatePublic(new X509EncodedKeySpec(Der.spkiFromPkcs1(der))),
                    null));
        case "CERTIFICATE" ->
            Optional.of(
                fromPublic(
                    file,
                    CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der))
                        .getPublicKey(),
                    null));
        case "ENCRYPTED PRIVATE KEY" ->
            throw new KeyFileException(
                file,
                "holds an encrypted private key; mount it unencrypted (openssl pkcs8 -nocrypt)");
        case "EC PRIVATE KEY" ->
            throw new KeyFileException(
                file, "holds an EC key; authgate signs with RSA keys of 2048 bits or more");
        default -> Optional.empty();
      };
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KeyFileException(
          file, "the " + type + " block does not parse as an RSA key (" + e.getMessage() + ")");
    }
  }

  private static RingKey fromPrivate(Path file, PrivateKey key)
      throws KeyFileException, GeneralSecurityException {
    if (!(key instanceof RSAPrivateCrtKey crt)) {
      throw new KeyFileException(
          file, "holds a private key without its public exponent (not a full RSA key)");
    }
    PublicKey pub =
        KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    return fromPublic(file, pub, crt);
  }

  private static RingKey fromPublic(Path file, PublicKey key, RSAPrivateKey priv)
      throws KeyFileException {
    if (!(key instanceof RSAPublicKey rsa)) {
      throw new KeyFileException(
          file, "holds a " + key.getAlgorithm() + " key; authgate uses RSA keys");
    }
    return new RingKey(
        Thumbprints.of(rsa),
        rsa,
        Optional.ofNullable(priv),
        file.getFileName().toString(),
        modified(file));
  }

  private static java.time.Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return java.time.Instant.EPOCH;
    }
  }

  private static RingKey checked(Path file, RingKey key) throws KeyFileException {
    if (key.bits() < MIN_RSA_BITS) {
      throw new KeyFileException(
          file,
          "holds a "
              + key.bits()
              + "-bit RSA key; at least "
              + MIN_RSA_BITS
              + " bits are required (authgate keygen writes 2048)");
    }
    return key;
  }
}
