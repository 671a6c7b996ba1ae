package dev.authgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.background.LowPriorityThreads;
import dev.authgate.background.ThreadNice;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

class ServerThreadsTest {
  @Test
  void requestsBelowVerifyRunAtTheWeakestPriority() throws Exception {
    assertThat(niceOfATaskOn(ServerThreads.belowVerify(2))).isEqualTo(LowPriorityThreads.NICE);
  }

  @Test
  void jettysOwnThreadsKeepTheirPriority() throws Exception {
    assertThat(niceOfATaskOn((QueuedThreadPool) ServerThreads.pool(2)))
        .isLessThan(LowPriorityThreads.NICE);
  }

  private static int niceOfATaskOn(QueuedThreadPool pool) throws Exception {
    pool.start();
    try {
      CompletableFuture<Integer> nice = new CompletableFuture<>();
      pool.execute(() -> nice.complete(ThreadNice.current()));
      return nice.get(10, TimeUnit.SECONDS);
    } finally {
      pool.stop();
    }
  }
}
