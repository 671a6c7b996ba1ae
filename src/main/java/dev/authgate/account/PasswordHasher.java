package dev.authgate.account;

import dev.authgate.background.LowPriorityThreads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt on a bounded pool: a fixed number of threads and a short queue. When both are full a
 * request is refused at once with 503 and Retry-After rather than queued without limit, so a burst
 * of logins cannot pile up work that outlives its callers. The threads run at the lowest CPU
 * priority, so logins take the cores that /verify leaves idle rather than half of them.
 */
public final class PasswordHasher implements AutoCloseable {
  private final ThreadPoolExecutor pool;
  private final int rounds;
  private final String dummyHash;

  public PasswordHasher(int rounds, int threads, int queue) {
    this.rounds = rounds;
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
            new LowPriorityThreads("bcrypt"),
            new ThreadPoolExecutor.AbortPolicy());
    this.dummyHash = BCrypt.hashpw("not a password of anyone", BCrypt.gensalt(rounds));
  }

  /** A new hash at the configured cost. */
  public String hash(String password) {
    return run(() -> BCrypt.hashpw(password, BCrypt.gensalt(rounds)));
  }

  /** Whether the password matches the hash. */
  public boolean matches(String password, String hash) {
    return run(() -> BCrypt.checkpw(password, hash));
  }

  /**
   * Spends the time of a real check against a hash of the configured cost, for an email that has no
   * account, so that the answer does not come sooner than for a wrong password.
   */
  public void matchNothing(String password) {
    run(() -> BCrypt.checkpw(password, dummyHash));
  }

  /** Whether the hash was made at a lower cost than the configured one. */
  public boolean weakerThanConfigured(String hash) {
    return cost(hash) < rounds;
  }

  static int cost(String hash) {
    return Integer.parseInt(hash.substring(4, 6));
  }

  private <T> T run(Callable<T> job) {
    Future<T> future;
    try {
      future = pool.submit(job);
    } catch (RejectedExecutionException e) {
      throw AccountException.overloaded();
    }
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("bcrypt failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw AccountException.overloaded();
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
