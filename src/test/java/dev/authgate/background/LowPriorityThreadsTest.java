package dev.authgate.background;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LowPriorityThreadsTest {
  @Test
  void workRunsAtTheWeakestNiceValue() throws Exception {
    CompletableFuture<Integer> nice = new CompletableFuture<>();
    Thread t = new LowPriorityThreads("bcrypt").newThread(() -> nice.complete(currentNice()));
    t.start();

    assertThat(nice.get(10, TimeUnit.SECONDS)).isEqualTo(LowPriorityThreads.NICE);
  }

  @Test
  void theThreadThatCreatesThemKeepsItsPriority() throws Exception {
    int before = currentNice();
    Thread t = new LowPriorityThreads("bcrypt").newThread(() -> {});
    t.start();
    t.join(10_000);

    assertThat(currentNice()).isEqualTo(before).isLessThan(LowPriorityThreads.NICE);
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

  /** Field 19 of /proc/thread-self/stat; the fields are counted after the parenthesised name. */
  private static int currentNice() {
    try {
      String stat = Files.readString(Path.of("/proc/thread-self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(fields[19 - 3]);
    } catch (Exception e) {
      throw new AssertionError("cannot read this thread's nice value", e);
    }
  }
}
