package dev.authgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * There is no Docker engine to build the image here, so what can be read from the Dockerfile is
 * checked against the pom and the settings it has to agree with.
 */
class DockerfileTest {
  private static final Pattern FROM =
      Pattern.compile("FROM\\s+(\\S+?)(?::(\\S+))?(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);

  private final List<String> instructions = instructions(Path.of("Dockerfile"));
  private final List<String> runtime = finalStage(instructions);

  @Test
  void pinsEveryBaseImageToAVersionTag() {
    List<String> froms = instructions.stream().filter(i -> i.startsWith("FROM ")).toList();

    assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
    for (String from : froms) {
      Matcher m = FROM.matcher(from);
      assertThat(m.matches()).as(from).isTrue();
      assertThat(m.group(2))
          .as("tag of " + from)
          .isNotNull()
          .isNotEqualTo("latest")
          .containsPattern("\\d");
    }
  }

  @Test
  void runsAsAnUnprivilegedUser() {
    String user = value(runtime, "USER");

    assertThat(user).isNotBlank().doesNotStartWith("root").doesNotStartWith("0:").isNotEqualTo("0");
  }

  @Test
  void copiesTheJarMavenBuilds() throws IOException {
    Matcher finalName =
        Pattern.compile("<finalName>([^<]+)</finalName>")
            .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(finalName.find()).isTrue();
    String jar = "target/" + finalName.group(1) + ".jar";

    String copy =
        runtime.stream().filter(i -> i.startsWith("COPY --from=")).findFirst().orElseThrow();
    String destination = copy.substring(copy.lastIndexOf(' ') + 1);

    assertThat(copy).contains("/" + jar + " ");
    assertThat(value(runtime, "ENTRYPOINT")).contains("\"" + destination + "\"");
    assertThat(value(runtime, "HEALTHCHECK")).contains("\"" + destination + "\"");
  }

  @Test
  void exposesThePortAuthgateListensOn() {
    int defaultPort = Settings.defaults().server().port();

    assertThat(value(runtime, "EXPOSE")).isEqualTo(String.valueOf(defaultPort));
    assertThat(value(runtime, "ENV")).contains("AUTH_PORT=" + defaultPort);
  }

  @Test
  void checksHealthWithTheLivenessEndpointCommand() {
    assertThat(value(runtime, "HEALTHCHECK")).contains("--interval=").endsWith("\"healthcheck\"]");
  }

  @Test
  void keepsWritableStateOnVolumesForAReadOnlyRootFilesystem() {
    String env = value(runtime, "ENV");
    Matcher dataDir = Pattern.compile("AUTH_DATA_DIR=(\\S+)").matcher(env);
    assertThat(dataDir.find()).isTrue();

    assertThat(value(runtime, "VOLUME")).contains("\"" + dataDir.group(1) + "\"");
    assertThat(env).contains("-Djava.io.tmpdir=/tmp").contains("-XX:-UsePerfData");
  }

  @Test
  void sizesTheHeapFromTheContainerLimitAndLogsJson() {
    String env = value(runtime, "ENV");

    assertThat(env).contains("-XX:MaxRAMPercentage=").doesNotContain("-Xmx");
    assertThat(env).contains("AUTH_LOG_FORMAT=json");
  }

  @Test
  void loadsJnasLibraryFromTheImageAndNeverUnpacksItIntoTmp() {
    Matcher path =
        Pattern.compile("-Djna\\.boot\\.library\\.path=(\\S+)").matcher(value(runtime, "ENV"));
    assertThat(path.find()).isTrue();

    assertThat(value(runtime, "ENV")).contains("-Djna.nounpack=true");
    assertThat(runtime)
        .anyMatch(i -> i.startsWith("COPY --from=build ") && i.endsWith(" " + path.group(1)));
    assertThat(instructions)
        .anyMatch(
            i ->
                i.startsWith("RUN ")
                    && i.contains("libjnidispatch.so")
                    && i.contains("linux-x86-64"));
  }

  private static String value(List<String> stage, String keyword) {
    return stage.stream()
        .filter(i -> i.startsWith(keyword + " "))
        .reduce((a, b) -> b)
        .map(i -> i.substring(keyword.length() + 1).trim())
        .orElseThrow(() -> new AssertionError("the runtime stage has no " + keyword));
  }

  private static List<String> finalStage(List<String> all) {
    int last = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).startsWith("FROM ")) {
        last = i;
      }
    }
    return all.subList(last, all.size());
  }

  /** The instructions with continuation lines joined and comments dropped. */
  private static List<String> instructions(Path dockerfile) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    try {
      for (String line : Files.readAllLines(dockerfile)) {
        String trimmed = line.trim();
        if (trimmed.startsWith("#") || trimmed.isEmpty()) {
          continue;
        }
        if (trimmed.endsWith("\\")) {
          current.append(trimmed, 0, trimmed.length() - 1).append(' ');
          continue;
        }
        result.add(current.append(trimmed).toString().replaceAll("\\s+", " "));
        current.setLength(0);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read " + dockerfile.toAbsolutePath(), e);
    }
    return result;
  }
}
