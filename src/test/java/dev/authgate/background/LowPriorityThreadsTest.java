package dev.authgate.background;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LowPriorityThreadsTest {
  @Test
  void workRunsAtTheWeakestNiceValue() throws Exception {
    CompletableFuture<Integer> nice = new CompletableFuture<>();
    Thread t =
        new LowPriorityThreads("bcrypt").newThread(() -> nice.complete(ThreadNice.current()));
    t.start();

    assertThat(nice.get(10, TimeUnit.SECONDS)).isEqualTo(LowPriorityThreads.NICE);
  }

  @Test
  void theThreadThatCreatesThemKeepsItsPriority() throws Exception {
    int before = ThreadNice.current();
    Thread t = new LowPriorityThreads("bcrypt").newThread(() -> {});
    t.start();
    t.join(10_000);

    assertThat(ThreadNice.current()).isEqualTo(before).isLessThan(LowPriorityThreads.NICE);
  }

  @Test
  void threadsAreNumberedDaemons() {
    LowPriorityThreads threads = new LowPriorityThreads("bcrypt");

    Thread first = threads.newThread(() -> {});
    Thread second = threads.newThread(() -> {});

    assertThat(first.getName()).isEqualTo("bcrypt-1");
    assertThat(second.getName()).isEqualTo("bcrypt-2");
    assertThat(first.isDaemon()).isTrue();
  }
}
