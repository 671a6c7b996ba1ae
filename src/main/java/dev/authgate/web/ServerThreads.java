package dev.authgate.web;

import dev.authgate.background.LowPriorityThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * The server's two thread pools, sized for the machine rather than Javalin's default of up to 250.
 * Jetty's own pool runs its selector and /verify; everything Javalin answers runs on a second pool
 * at the lowest CPU priority, so that no amount of logins, refreshes or admin calls takes CPU that
 * /verify needs. The verify path never blocks, so a few threads per core keep the cores busy; more
 * only add context switches and memory. The floor leaves room for requests that wait, such as a
 * login queued for bcrypt.
 */
final class ServerThreads {
  static final int PER_CORE = 8;
  static final int FLOOR = 16;

  private ServerThreads() {}

  /** Jetty's pool: its selector, /verify and the JWKS. */
  static ThreadPool pool(int cores) {
    int max = max(cores);
    QueuedThreadPool pool = new QueuedThreadPool(max, Math.min(max, 2 * cores), 60_000);
    pool.setName("http");
    return pool;
  }

  /**
   * The pool for the requests Javalin answers, at bcrypt's nice value (19). Under a flood of logins
   * beyond capacity, the logins refused with 503 and the bcrypt checks of those accepted then share
   * the CPU at one priority; with the refusals above bcrypt, they took nearly all of it (4 logins/s
   * instead of 26 in bench/run).
   */
  static QueuedThreadPool belowVerify(int cores) {
    int max = max(cores);
    QueuedThreadPool pool =
        new QueuedThreadPool(
            max, Math.min(max, 2 * cores), 60_000, 0, null, null, new LowPriorityThreads("app"));
    pool.setName("app");
    return pool;
  }

  private static int max(int cores) {
    return Math.max(FLOOR, PER_CORE * cores);
  }
}
