package dev.authgate.web;

import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * Jetty's request threads, sized for the machine rather than Javalin's default of up to 250. The
 * verify path never blocks, so a few threads per core keep the cores busy; more only add context
 * switches and memory. The floor leaves room for requests that wait, such as a login queued for
 * bcrypt, without starving /verify.
 */
final class ServerThreads {
  static final int PER_CORE = 8;
  static final int FLOOR = 16;

  private ServerThreads() {}

  static ThreadPool pool(int cores) {
    int max = Math.max(FLOOR, PER_CORE * cores);
    QueuedThreadPool pool = new QueuedThreadPool(max, Math.min(max, 2 * cores), 60_000);
    pool.setName("http");
    return pool;
  }
}
