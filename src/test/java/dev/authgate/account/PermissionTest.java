package dev.authgate.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionTest {

  @Test
  void parsesResourceAndAction() {
    assertThat(Permission.parse("docs-v2:read")).isEqualTo(new Permission("docs-v2", "read"));
  }

  @Test
  void refusesTextWithoutExactlyOneColon() {
    assertThatThrownBy(() -> Permission.parse("docs"))
        .hasMessage("permission \"docs\" must follow resource:action, for example docs:read");
    assertThatThrownBy(() -> Permission.parse("a:b:c"))
        .hasMessageContaining("must follow resource:action");
  }

  @Test
  void namesTheInvalidCharactersOfEachSide() {
    assertThatThrownBy(() -> Permission.parse("Docs.v2:read"))
        .hasMessage(
            "resource contains invalid characters: D. (use lowercase letters, digits and hyphens,"
                + " or * for any)");
    assertThatThrownBy(() -> Permission.parse("docs:re ad"))
        .hasMessageStartingWith("action contains invalid characters:  ");
    assertThatThrownBy(() -> Permission.parse(":read")).hasMessageStartingWith("resource is empty");
  }

  @Test
  void honoursWildcardsOnEitherSide() {
    Permission read = new Permission("docs", "read");

    assertThat(read.grantedBy(List.of("docs:read"))).isTrue();
    assertThat(read.grantedBy(List.of("docs:*"))).isTrue();
    assertThat(read.grantedBy(List.of("*:read"))).isTrue();
    assertThat(read.grantedBy(List.of("*:*"))).isTrue();
    assertThat(read.grantedBy(List.of("docs:write", "wiki:*", "*:delete"))).isFalse();
  }
}
