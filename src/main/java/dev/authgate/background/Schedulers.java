package dev.authgate.background;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The background jobs of authgate (key, rule, revocation and API-key reloads) each run on one
 * daemon thread, so they never keep a stopping process alive and a thread dump names them.
 */
public final class Schedulers {
  private Schedulers() {}

  /** A single-threaded scheduler whose thread is a daemon with the given name. */
  public static ScheduledExecutorService daemon(String threadName) {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, threadName);
          t.setDaemon(true);
          return t;
        });
  }
}
