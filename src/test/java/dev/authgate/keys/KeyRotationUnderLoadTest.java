package dev.authgate.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.Claims;
import dev.authgate.support.Jws;
import dev.authgate.support.TempDirs;
import dev.authgate.support.TestKeys;
import dev.authgate.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;

/**
 * "Add the new key, wait, remove the old one" while requests run against /verify: not one request
 * fails for a token whose key is in the ring. The phases are ordered by what the server publishes
 * (its JWKS) and by a lock that lets in-flight requests with the old token finish before the old
 * file goes, so the test asserts exact outcomes without depending on timing.
 */
class KeyRotationUnderLoadTest {
  static final int WORKERS = 3;

  /** Requests of each kind a phase runs before the next step: progress, not time, ends it. */
  static final int PER_PHASE = 25;

  final String kidA = TestKeys.read("a.pkcs8.pem").kid();
  final String kidB = TestKeys.read("b.pkcs8.pem").kid();
  final Queue<String> failures = new ConcurrentLinkedQueue<>();
  final AtomicInteger acceptedA = new AtomicInteger();
  final AtomicInteger acceptedB = new AtomicInteger();
  final AtomicInteger refusedAfterRemoval = new AtomicInteger();
  final ReadWriteLock oldKeyFile = new ReentrantReadWriteLock();
  volatile boolean aOnDisk = true;
  volatile boolean aGoneFromRing;
  volatile boolean bInRing;
  volatile boolean running = true;

  @Test
  void noRequestFailsWhileAKeyIsAddedAndTheOldOneRemoved() throws Exception {
    Path dir = TestKeys.copy(Files.createTempDirectory("rotation"), "a.pkcs8.pem");
    Files.setLastModifiedTime(
        dir.resolve("a.pkcs8.pem"), FileTime.from(Instant.now().minusSeconds(3600)));
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    try (TestServer server = TestServer.start(Map.of("AUTH_KEYS_DIR", dir.toString()))) {
      String tokenA = token("a.pkcs8.pem", kidA);
      String tokenB = token("b.pkcs8.pem", kidB);
      List<Future<?>> workers = new java.util.ArrayList<>();
      for (int i = 0; i < WORKERS; i++) {
        workers.add(pool.submit(() -> hammer(server, tokenA, tokenB)));
      }
      awaitMore(acceptedA);

      Path staged = Files.copy(TestKeys.file("b.pkcs8.pem"), dir.resolve(".b.pem.tmp"));
      Files.move(staged, dir.resolve("b.pkcs8.pem"), StandardCopyOption.ATOMIC_MOVE);
      awaitJwks(server, jwks -> jwks.contains(kidB));
      bInRing = true;
      String issued =
          server.service().tokens().access("u", null, List.of(), List.of(), null).token();
      assertThat(com.auth0.jwt.JWT.decode(issued).getKeyId())
          .as("the newest key signs")
          .isEqualTo(kidB);
      awaitMore(acceptedA, acceptedB);

      oldKeyFile.writeLock().lock();
      try {
        aOnDisk = false;
        Files.delete(dir.resolve("a.pkcs8.pem"));
      } finally {
        oldKeyFile.writeLock().unlock();
      }
      awaitJwks(server, jwks -> !jwks.contains(kidA));
      aGoneFromRing = true;
      awaitMore(acceptedB, refusedAfterRemoval);

      running = false;
      for (Future<?> w : workers) {
        w.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      TempDirs.delete(dir);
    }

    assertThat(failures).isEmpty();
    assertThat(acceptedA.get()).isPositive();
    assertThat(acceptedB.get()).isPositive();
    assertThat(refusedAfterRemoval.get()).isPositive();
  }

  private void hammer(TestServer server, String tokenA, String tokenB) {
    while (running) {
      oldKeyFile.readLock().lock();
      try {
        if (aOnDisk) {
          expect(server, tokenA, 200, "A while its key is on disk", acceptedA);
        }
      } finally {
        oldKeyFile.readLock().unlock();
      }
      if (bInRing) {
        expect(server, tokenB, 200, "B after its kid was published", acceptedB);
      }
      if (aGoneFromRing) {
        expect(server, tokenA, 401, "A after its kid was withdrawn", refusedAfterRemoval);
      }
    }
  }

  private void expect(
      TestServer server, String token, int status, String what, AtomicInteger counter) {
    HttpResponse<String> r = server.verify(token);
    if (r.statusCode() == status) {
      counter.incrementAndGet();
    } else {
      failures.add(what + ": " + r.statusCode() + " " + r.headers().firstValue("WWW-Authenticate"));
    }
  }

  private String token(String fixture, String kid) {
    return Jws.rs256(
        Claims.header(kid).toString(),
        Claims.access("http://authgate.test", Instant.now()).toString(),
        TestKeys.privateKey(fixture));
  }

  /** Waits until each counter has grown by {@link #PER_PHASE} from now. */
  private void awaitMore(AtomicInteger... counters) throws InterruptedException {
    int[] targets = new int[counters.length];
    for (int i = 0; i < counters.length; i++) {
      targets[i] = counters[i].get() + PER_PHASE;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (int i = 0; i < counters.length; i++) {
      while (counters[i].get() < targets[i]) {
        assertThat(System.nanoTime())
            .as("requests stalled; failures: %s", failures)
            .isLessThan(deadline);
        Thread.sleep(20);
      }
    }
  }

  private static void awaitJwks(TestServer server, java.util.function.Predicate<String> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!done.test(server.get("/.well-known/jwks.json").body())) {
      assertThat(System.nanoTime()).as("the key ring did not reload in 15 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
