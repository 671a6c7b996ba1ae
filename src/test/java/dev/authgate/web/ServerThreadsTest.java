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
    QueuedThreadPool below = ServerThreads.belowVerify(2);
    below.start();
    try {
      CompletableFuture<Integer> nice = new CompletableFuture<>();
      below.execute(() -> nice.complete(ThreadNice.current()));

      assertThat(nice.get(10, TimeUnit.SECONDS)).isEqualTo(LowPriorityThreads.NICE);
    } finally {
      below.stop();
    }
  }

  @Test
  void jettysOwnThreadsKeepTheirPriority() throws Exception {
    QueuedThreadPool pool = (QueuedThreadPool) ServerThreads.pool(2);
    pool.start();
    try {
      CompletableFuture<Integer> nice = new CompletableFuture<>();
      pool.execute(() -> nice.complete(ThreadNice.current()));

      assertThat(nice.get(10, TimeUnit.SECONDS)).isLessThan(LowPriorityThreads.NICE);
    } finally {
      pool.stop();
    }
  }
}
