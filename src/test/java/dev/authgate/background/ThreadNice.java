package dev.authgate.background;

import java.nio.file.Files;
import java.nio.file.Path;

/** The calling thread's nice value, as Linux reports it. */
public final class ThreadNice {
  private ThreadNice() {}

  /** Field 19 of /proc/thread-self/stat; the fields are counted after the parenthesised name. */
  public static int current() {
    try {
      String stat = Files.readString(Path.of("/proc/thread-self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(fields[19 - 3]);
    } catch (Exception e) {
      throw new AssertionError("cannot read this thread's nice value", e);
    }
  }
}
