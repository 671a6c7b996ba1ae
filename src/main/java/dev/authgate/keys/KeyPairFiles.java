package dev.authgate.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/** Writes RSA key pairs in the PEM format {@link KeyDirectory} reads. */
public final class KeyPairFiles {
  private KeyPairFiles() {}

  /** A new 2048-bit RSA key pair. */
  public static KeyPair generate() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      return gen.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has RSA", e);
    }
  }

  /**
   * Writes {@code name.pem} (the PKCS#8 private key, mode 0600) and {@code name.pub.pem} (the
   * public key) into {@code dir} and returns the kid. Existing files are never overwritten.
   */
  public static String write(KeyPair pair, Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    writePrivate(dir.resolve(name + ".pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(
        dir.resolve(name + ".pub.pem"),
        pem("PUBLIC KEY", pair.getPublic().getEncoded()),
        StandardOpenOption.CREATE_NEW);
    return Thumbprints.of((RSAPublicKey) pair.getPublic());
  }

  /** Writes only the private key (from which the public half is derived) with mode 0600. */
  public static void writePrivate(Path file, KeyPair pair) throws IOException {
    Files.createDirectories(file.getParent());
    writePrivate(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
  }

  private static void writePrivate(Path file, String pem) throws IOException {
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString(), null, "refusing to overwrite a key");
    }
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
