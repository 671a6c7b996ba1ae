package dev.authgate.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory of PEM key files as a secret mount presents it. Hidden entries are skipped, which
 * covers the {@code ..data} and timestamped folders behind Kubernetes' symlinks; the visible names
 * are followed through their links.
 */
public final class KeyDirectory {
  private final Path dir;
  private final Optional<String> signingKey;

  /**
   * @param signingKey the kid or file name of the key that signs; empty picks the newest private
   *     key (by file time, then by name)
   */
  public KeyDirectory(Path dir, Optional<String> signingKey) {
    this.dir = dir;
    this.signingKey = signingKey;
  }

  public Path path() {
    return dir;
  }

  /** Reads every key file; a single bad file fails the whole load, naming that file. */
  public KeyRing load() throws KeyFileException {
    List<RingKey> keys = new ArrayList<>();
    for (Path file : files()) {
      keys.add(PemKeyFile.read(file));
    }
    if (keys.isEmpty()) {
      throw new KeyFileException(
          dir, "holds no key files; put a PEM key there (authgate keygen --out " + dir + ")");
    }
    return new KeyRing(keys, chooseSigner(keys));
  }

  /** The visible regular files of the directory, sorted by name. */
  public List<Path> files() throws KeyFileException {
    if (!Files.isDirectory(dir)) {
      throw new KeyFileException(dir, "is not a readable directory");
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new KeyFileException(dir, "cannot be listed (" + e.getMessage() + ")");
    }
  }

  private Optional<RingKey> chooseSigner(List<RingKey> keys) throws KeyFileException {
    List<RingKey> signers = keys.stream().filter(RingKey::canSign).toList();
    if (signingKey.isPresent()) {
      String wanted = signingKey.get();
      return Optional.of(
          signers.stream()
              .filter(k -> k.kid().equals(wanted) || k.source().equals(wanted))
              .findFirst()
              .orElseThrow(
                  () ->
                      new KeyFileException(
                          dir,
                          "AUTH_SIGNING_KEY="
                              + wanted
                              + " names no private key here; private keys: "
                              + signers.stream()
                                  .map(k -> k.source() + " (kid " + k.kid() + ")")
                                  .toList())));
    }
    return signers.stream()
        .max(Comparator.comparing(RingKey::modified).thenComparing(RingKey::source));
  }
}
