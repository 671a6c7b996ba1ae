package dev.authgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What README.md shows of the proxy configuration is what the proxy tests run. */
class ReadmeShowsShippedProxyConfigTest {
  private static final String README = ShippedConfig.read(Path.of("README.md"));

  @Test
  void everyNginxExcerptIsPartOfTheShippedFiles() {
    String shipped =
        ShippedConfig.read(ShippedConfig.NGINX_SITE)
            + ShippedConfig.read(ShippedConfig.NGINX_VERIFY_SNIPPET);

    assertThat(codeBlocks("nginx")).isNotEmpty().allSatisfy(b -> assertThat(shipped).contains(b));
  }

  @Test
  void everyCaddyfileExcerptIsPartOfTheShippedFile() {
    String shipped = ShippedConfig.read(ShippedConfig.CADDYFILE);

    assertThat(codeBlocks("caddyfile"))
        .isNotEmpty()
        .allSatisfy(b -> assertThat(shipped).contains(b));
  }

  @Test
  void theTraefikExcerptIsPartOfTheShippedDynamicConfiguration() {
    String shipped = ShippedConfig.read(Path.of("traefik/dynamic.yml"));
    String section = README.substring(README.indexOf("## Behind Traefik"));
    section = section.substring(0, section.indexOf("\n## ", 1));

    assertThat(codeBlocks(section, "yaml"))
        .isNotEmpty()
        .allSatisfy(b -> assertThat(shipped).contains(b));
  }

  @Test
  void theEnvsubstLineNamesEveryPlaceholderOfTheNginxSite() {
    Matcher placeholders =
        Pattern.compile("\\$\\{[A-Z_]+}").matcher(ShippedConfig.read(ShippedConfig.NGINX_SITE));
    List<String> names = new ArrayList<>();
    while (placeholders.find()) {
      names.add(placeholders.group());
    }
    String envsubst = "envsubst '" + String.join(" ", names.stream().distinct().toList()) + "'";

    assertThat(README).contains(envsubst);
  }

  private static List<String> codeBlocks(String language) {
    return codeBlocks(README, language);
  }

  private static List<String> codeBlocks(String text, String language) {
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(text);
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }
}
