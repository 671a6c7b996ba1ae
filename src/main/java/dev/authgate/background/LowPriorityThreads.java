package dev.authgate.background;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemon threads for CPU-bound work that must give way to /verify, such as bcrypt. Each lowers its
 * own scheduling priority to the weakest nice value (19) as it starts: the kernel then gives it the
 * cores that /verify leaves idle, and preempts it as soon as a request arrives. At the same nice
 * value as the request threads, two bcrypt threads took a fair half of both cores and /verify's p99
 * under saturating logins was five times its idle p99 (bench/README.md).
 *
 * <p>Linux keeps a nice value per thread, and any thread may lower its own priority, so this needs
 * no privilege. Where it cannot be done (another kernel, or no native access) the threads run at
 * normal priority and one warning says so.
 */
public final class LowPriorityThreads implements ThreadFactory {
  /** The weakest priority Linux gives a thread that is not SCHED_IDLE. */
  public static final int NICE = 19;

  private static final Logger log = LoggerFactory.getLogger(LowPriorityThreads.class);
  private static final int PRIO_PROCESS = 0;
  private static final Path THREAD_SELF = Path.of("/proc/thread-self");

  private final String name;
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicInteger warnings = new AtomicInteger();

  /** Threads named {@code name-1}, {@code name-2}, and so on. */
  public LowPriorityThreads(String name) {
    this.name = name;
  }

  @Override
  public Thread newThread(Runnable work) {
    Thread t =
        new Thread(
            () -> {
              lowerPriority();
              work.run();
            },
            name + "-" + count.incrementAndGet());
    t.setDaemon(true);
    return t;
  }

  private void lowerPriority() {
    String failure = lowerCurrentThread();
    if (failure != null && warnings.getAndIncrement() == 0) {
      log.warn(
          "{} threads run at normal CPU priority ({}): work on them that saturates the cores"
              + " slows /verify",
          name,
          failure);
    }
  }

  /**
   * Sets the calling thread's nice value to {@link #NICE}.
   *
   * @return null when done, else why it could not be
   */
  static String lowerCurrentThread() {
    if (!Files.isSymbolicLink(THREAD_SELF)) {
      return "no per-thread priority on this system";
    }
    try {
      // "/proc/thread-self" links to "<pid>/task/<tid>": setpriority takes a Linux thread id.
      int tid = Integer.parseInt(Files.readSymbolicLink(THREAD_SELF).getFileName().toString());
      C.LIBRARY.setpriority(PRIO_PROCESS, tid, NICE);
      return null;
    } catch (LastErrorException e) {
      return "setpriority failed with errno " + e.getErrorCode();
    } catch (Exception | LinkageError e) {
      return "no native access: " + e;
    }
  }

  /** The C library, loaded on first use rather than when the class is. */
  private interface C extends Library {
    C LIBRARY = Native.load("c", C.class);

    int setpriority(int which, int who, int prio) throws LastErrorException;
  }
}
