package dev.authgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.config.SettingsLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's settings table is where people look first; it must name exactly what is read. */
class ReadmeTest {
  private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

  @Test
  void settingsTableNamesEveryVariableTheLoaderReadsAndNoOther() throws IOException {
    Set<String> documented = settingsTableNames(Files.readString(Path.of("README.md")));

    Set<String> missing = new TreeSet<>(SettingsLoader.names());
    missing.removeAll(documented);
    Set<String> stale = new TreeSet<>(documented);
    stale.removeAll(SettingsLoader.names());

    assertThat(missing).as("variables missing from the README settings table").isEmpty();
    assertThat(stale).as("README settings table rows the loader does not read").isEmpty();
  }

  /** The names in the first two columns (name, alias) of the table under "## Settings". */
  private static Set<String> settingsTableNames(String readme) {
    int start = readme.indexOf("\n## Settings");
    assertThat(start).as("README has a ## Settings section").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    Set<String> names = new TreeSet<>();
    for (String line : section.split("\n")) {
      String[] cells = line.split("\\|");
      if (!line.startsWith("|") || cells.length < 3) {
        continue;
      }
      Matcher m = NAME.matcher(cells[1] + "|" + cells[2]);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
