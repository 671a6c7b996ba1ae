package dev.authgate.keys;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.authgate.support.TempDirs;
import dev.authgate.support.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The watched key directory, changed the ways secret mounts change: Kubernetes swaps a {@code
 * ..data} symlink, Docker and operators rewrite files in place. Each look is driven by hand ({@link
 * KeyDirectoryWatcher#check()}) so the test does not depend on the poll interval.
 */
class KeyDirectoryWatcherTest {
  static final String A = TestKeys.read("a.pkcs8.pem").kid();
  static final String B = TestKeys.read("b.pkcs8.pem").kid();

  @TempDir Path dir;
  final ListAppender<ILoggingEvent> log = new ListAppender<>();
  final Logger logger = (Logger) LoggerFactory.getLogger(KeyDirectoryWatcher.class);

  @BeforeEach
  void captureLog() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(log);
  }

  private CurrentKeys loaded(KeyDirectory directory) throws KeyFileException {
    return new CurrentKeys(directory.load());
  }

  /** Lays out a secret the way the kubelet does: data in a timestamped folder behind links. */
  private void kubernetesSecret(String version, String fixture) throws IOException {
    Path data = Files.createDirectory(dir.resolve("..2026_11_26_" + version));
    Files.copy(TestKeys.file(fixture), data.resolve("tls.key"));
    Path link = dir.resolve("..data");
    Path previous = Files.isSymbolicLink(link) ? dir.resolve(Files.readSymbolicLink(link)) : null;
    Path next = dir.resolve("..data_tmp");
    Files.createSymbolicLink(next, data.getFileName());
    Files.move(next, link, StandardCopyOption.ATOMIC_MOVE);
    if (previous != null) {
      TempDirs.delete(previous);
    }
    if (!Files.exists(dir.resolve("tls.key"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(dir.resolve("tls.key"), Path.of("..data/tls.key"));
    }
  }

  @Test
  void picksUpAKubernetesDataSymlinkSwap() throws Exception {
    kubernetesSecret("01", "a.pkcs8.pem");
    KeyDirectory directory = new KeyDirectory(dir, Optional.empty());
    CurrentKeys keys = loaded(directory);
    KeyDirectoryWatcher watcher = new KeyDirectoryWatcher(directory, keys);
    assertThat(keys.get().kids()).containsExactly(A);

    kubernetesSecret("02", "b.pkcs8.pem");
    watcher.check();

    assertThat(keys.get().kids()).containsExactly(B);
    assertThat(keys.get().signer()).map(RingKey::kid).hasValue(B);
    assertThat(messages()).anyMatch(m -> m.startsWith("key ring reloaded") && m.contains(B));
  }

  @Test
  void picksUpAFileRewrittenInPlaceWithinTheSameSecond() throws Exception {
    Path file = Files.copy(TestKeys.file("a.pkcs8.pem"), dir.resolve("signing.pem"));
    FileTime written = Files.getLastModifiedTime(file);
    KeyDirectory directory = new KeyDirectory(dir, Optional.empty());
    CurrentKeys keys = loaded(directory);
    KeyDirectoryWatcher watcher = new KeyDirectoryWatcher(directory, keys);

    Files.write(file, Files.readAllBytes(TestKeys.file("b.pkcs8.pem")));
    Files.setLastModifiedTime(file, written);
    watcher.check();

    assertThat(keys.get().kids()).containsExactly(B);
  }

  @Test
  void keepsThePreviousRingAndLogsTheFileWhenANewFileIsBroken() throws Exception {
    TestKeys.copy(dir, "a.pkcs8.pem");
    KeyDirectory directory = new KeyDirectory(dir, Optional.empty());
    CurrentKeys keys = loaded(directory);
    KeyRing before = keys.get();
    KeyDirectoryWatcher watcher = new KeyDirectoryWatcher(directory, keys);

    Path broken = Files.writeString(dir.resolve("new-key.pem"), "-----BEGIN PRIVATE KEY-----\nAAA");
    watcher.check();
    watcher.check();

    assertThat(keys.get()).isSameAs(before);
    assertThat(log.list)
        .filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR)
        .hasSize(1)
        .allMatch(e -> e.getFormattedMessage().contains(broken.toString()))
        .allMatch(e -> e.getFormattedMessage().contains("previous keys stay in force"));

    Files.delete(broken);
    TestKeys.copy(dir, "b.pkcs8.pem");
    watcher.check();

    assertThat(keys.get().kids()).containsExactlyInAnyOrder(A, B);
  }

  @Test
  void keepsThePreviousRingWhenEveryKeyIsRemoved() throws Exception {
    Path file = TestKeys.copy(dir, "a.pkcs8.pem").resolve("a.pkcs8.pem");
    KeyDirectory directory = new KeyDirectory(dir, Optional.empty());
    CurrentKeys keys = loaded(directory);
    KeyDirectoryWatcher watcher = new KeyDirectoryWatcher(directory, keys);

    Files.delete(file);
    watcher.check();

    assertThat(keys.get().kids()).containsExactly(A);
    assertThat(messages()).anyMatch(m -> m.contains("holds no key files"));
  }

  @Test
  void doesNotReloadWhenNothingChanged() throws Exception {
    TestKeys.copy(dir, "a.pkcs8.pem");
    KeyDirectory directory = new KeyDirectory(dir, Optional.empty());
    CurrentKeys keys = loaded(directory);
    KeyRing before = keys.get();
    KeyDirectoryWatcher watcher = new KeyDirectoryWatcher(directory, keys);

    watcher.check();

    assertThat(keys.get()).isSameAs(before);
    assertThat(log.list).isEmpty();
  }

  private java.util.List<String> messages() {
    return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
