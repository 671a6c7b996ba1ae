package dev.authgate.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authgate.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuersFileTest {
  @TempDir Path dir;

  Path write(String yaml) throws Exception {
    Path file = dir.resolve("issuers.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void loadsTheDocumentedExample() {
    List<IssuersFile.Entry> entries = IssuersFile.read(Path.of("docs/issuers.example.yaml"));

    assertThat(entries).extracting(IssuersFile.Entry::issuer).hasSize(3);
    assertThat(entries.get(0).discovery()).isPresent();
    assertThat(entries.get(0).claims().roles()).contains("realm_access.roles");
  }

  @Test
  void namesTheLineOfAMisspeltKey() throws Exception {
    Path file =
        write("issuers:\n  - issuer: https://a.example\n    jwks_url: https://a.example/jwks\n");

    assertThatThrownBy(() -> IssuersFile.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 3: unknown key \"jwks_url\"");
  }

  @Test
  void refusesHs256InTheFile() throws Exception {
    Path file =
        write(
            "issuers:\n  - issuer: https://a.example\n    jwks_uri: https://a.example/jwks\n"
                + "    algorithms: [HS256]\n");

    assertThatThrownBy(() -> IssuersFile.read(file))
        .hasMessageContaining("line 4: algorithm \"HS256\"");
  }

  @Test
  void refusesAnEntryWithBothJwksUriAndDiscovery() throws Exception {
    Path file =
        write(
            "issuers:\n  - issuer: https://a.example\n    jwks_uri: https://a.example/jwks\n"
                + "    discovery: https://a.example/.well-known/openid-configuration\n");

    assertThatThrownBy(() -> IssuersFile.read(file)).hasMessageContaining("line 2: ");
  }

  @Test
  void reportsBrokenYamlWithItsLine() throws Exception {
    Path file = write("issuers:\n  - issuer: [unclosed\n");

    assertThatThrownBy(() -> IssuersFile.read(file)).hasMessageContaining("not valid YAML");
  }
}
