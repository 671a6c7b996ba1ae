package dev.authgate.background;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Threads' nice values, as Linux reports them in /proc. */
public final class ThreadNice {
  private ThreadNice() {}

  /** The calling thread's. */
  public static int current() {
    return ofTask(Path.of("/proc/thread-self"));
  }

  /** That of the thread of process pid with this name, if there is one. */
  public static Optional<Integer> ofThread(long pid, String name) {
    try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path task : tasks.toList()) {
        if (Files.readString(task.resolve("comm")).strip().equals(name)) {
          return Optional.of(ofTask(task));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new AssertionError("cannot list the threads of " + pid, e);
    }
  }

  /** Field 19 of the task's stat; the fields are counted after the parenthesised name. */
  private static int ofTask(Path task) {
    try {
      String stat = Files.readString(task.resolve("stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(fields[19 - 3]);
    } catch (IOException e) {
      throw new AssertionError("cannot read the nice value of " + task, e);
    }
  }
}
