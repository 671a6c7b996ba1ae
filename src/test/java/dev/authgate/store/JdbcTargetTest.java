package dev.authgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JdbcTargetTest {

  @Test
  void takesTheCredentialsOutOfTheUrlOlderAuthServicesUse() {
    JdbcTarget t = JdbcTarget.postgres("postgresql://devuser:devpass@postgres:5432/auth_db");

    assertThat(t.url()).isEqualTo("jdbc:postgresql://postgres:5432/auth_db");
    assertThat(t.user()).hasValue("devuser");
    assertThat(t.password()).hasValue("devpass");
  }

  @Test
  void acceptsTheJdbcFormAndThePostgresScheme() {
    assertThat(JdbcTarget.postgres("jdbc:postgresql://db/auth?sslmode=require").url())
        .isEqualTo("jdbc:postgresql://db/auth?sslmode=require");
    assertThat(JdbcTarget.postgres("postgres://u@db:6543/auth").user()).hasValue("u");
    assertThat(JdbcTarget.postgres("postgres://u@db:6543/auth").password()).isEmpty();
  }

  @Test
  void decodesPercentEncodedCredentialsAndKeepsAPlusSign() {
    JdbcTarget t = JdbcTarget.postgres("postgresql://app%40corp:p%3Ass+w%40rd@db/auth");

    assertThat(t.user()).hasValue("app@corp");
    assertThat(t.password()).hasValue("p:ss+w@rd");
  }

  @Test
  void masksAPasswordLeftInTheQueryWhenShown() {
    JdbcTarget t = JdbcTarget.postgres("jdbc:postgresql://db/auth?user=a&password=hunter2");

    assertThat(t.shown()).doesNotContain("hunter2").contains("password=****");
  }

  @Test
  void putsTheEmbeddedStoreUnderTheDataDirectoryInPostgresMode() {
    JdbcTarget t = JdbcTarget.embedded(Path.of("/var/lib/authgate"));

    assertThat(t.url())
        .startsWith("jdbc:h2:file:/var/lib/authgate/store/authgate;MODE=PostgreSQL;")
        .contains("DATABASE_TO_LOWER=TRUE");
    assertThat(t.embedded()).isTrue();
  }
}
