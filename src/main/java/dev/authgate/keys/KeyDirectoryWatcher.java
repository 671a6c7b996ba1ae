package dev.authgate.keys;

import dev.authgate.background.Schedulers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the key ring when the mounted secret changes. It polls a digest of the names and contents
 * of the files rather than relying on file events, because Kubernetes changes a secret by swapping
 * a {@code ..data} symlink and Docker may rewrite a file within the same second; a digest sees
 * both. A load that fails is logged with the file's name, and the ring in force stays until the
 * directory is fixed.
 */
public final class KeyDirectoryWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KeyDirectoryWatcher.class);

  private final KeyDirectory directory;
  private final CurrentKeys keys;
  private final ScheduledExecutorService scheduler;
  private byte[] lastDigest;
  private byte[] lastFailedDigest;

  public KeyDirectoryWatcher(KeyDirectory directory, CurrentKeys keys) {
    this.directory = directory;
    this.keys = keys;
    this.lastDigest = digest();
    this.scheduler = Schedulers.daemon("key-watcher");
  }

  public KeyDirectoryWatcher start(Duration interval) {
    scheduler.scheduleWithFixedDelay(
        this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Loads the directory again if anything in it changed since the last look. */
  void check() {
    byte[] now = digest();
    if (Arrays.equals(now, lastDigest) || Arrays.equals(now, lastFailedDigest)) {
      return;
    }
    try {
      KeyRing next = directory.load();
      keys.replace(next);
      lastDigest = now;
      lastFailedDigest = null;
      log.info(
          "key ring reloaded from {}: kids {}, signing with {}",
          directory.path(),
          next.kids(),
          next.signer().map(RingKey::kid).orElse("none"));
    } catch (KeyFileException e) {
      lastFailedDigest = now;
      log.error("key ring not reloaded, the previous keys stay in force: {}", e.getMessage());
    } catch (RuntimeException e) {
      lastFailedDigest = now;
      log.error("key ring not reloaded, the previous keys stay in force", e);
    }
  }

  private byte[] digest() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path file : directory.files()) {
        sha.update(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Files.readAllBytes(file));
        sha.update((byte) 0);
      }
      return sha.digest();
    } catch (KeyFileException | IOException e) {
      // A file that vanishes between listing and reading is the middle of a swap: look again later.
      return new byte[0];
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
