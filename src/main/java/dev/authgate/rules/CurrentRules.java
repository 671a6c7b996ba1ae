package dev.authgate.rules;

import dev.authgate.background.Schedulers;
import dev.authgate.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules in force, reloaded when the rules file changes. Like the key watcher it compares a
 * digest of the content rather than trusting file times, since Kubernetes swaps a ConfigMap through
 * a symlink. A file that fails to load is logged with its line and reason, and the rules in force
 * stay until it is fixed.
 */
public final class CurrentRules implements Supplier<RuleSet>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CurrentRules.class);

  private final Optional<Path> file;
  private final ScheduledExecutorService watcher;
  private volatile RuleSet rules;
  private byte[] lastDigest;

  private CurrentRules(Optional<Path> file, RuleSet rules, byte[] digest) {
    this.file = file;
    this.rules = rules;
    this.lastDigest = digest;
    this.watcher = file.isEmpty() ? null : Schedulers.daemon("rules-watcher");
  }

  /**
   * The rules of the file, or authentication everywhere without one; the file is then watched.
   *
   * @throws ConfigException when the file is invalid at start-up
   */
  public static CurrentRules load(Optional<Path> file, Duration poll) {
    if (file.isEmpty()) {
      return new CurrentRules(file, RuleSet.AUTHENTICATED_EVERYWHERE, null);
    }
    byte[] digest = digest(file.get());
    RuleSet rules = RulesFile.read(file.get());
    log.info("access rules loaded from {}: {} rules", file.get(), rules.size());
    CurrentRules current = new CurrentRules(file, rules, digest);
    current.watcher.scheduleWithFixedDelay(
        current::check, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    return current;
  }

  @Override
  public RuleSet get() {
    return rules;
  }

  /** Loads the file again if its content changed since the last look. */
  void check() {
    Path path = file.orElseThrow();
    byte[] now = digest(path);
    if (now.length == 0 || Arrays.equals(now, lastDigest)) {
      return;
    }
    lastDigest = now;
    try {
      RuleSet next = RulesFile.read(path);
      rules = next;
      log.info("access rules reloaded from {}: {} rules", path, next.size());
    } catch (ConfigException e) {
      log.error("access rules not reloaded, the rules in force stay: {}", e.getMessage());
    } catch (RuntimeException e) {
      log.error("access rules not reloaded from {}, the rules in force stay", path, e);
    }
  }

  private static byte[] digest(Path file) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    } catch (IOException e) {
      // A file that is missing for a moment is the middle of a swap: look again later.
      return new byte[0];
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.shutdownNow();
    }
  }
}
