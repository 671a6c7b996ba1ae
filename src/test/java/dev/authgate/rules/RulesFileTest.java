package dev.authgate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authgate.config.ConfigException;
import dev.authgate.token.Identity;
import dev.authgate.token.Rejection;
import dev.authgate.token.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulesFileTest {
  @TempDir Path dir;

  Path write(String yaml) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  static Verification caller(List<String> roles, List<String> permissions) {
    return new Verification.Verified(
        new Identity("u", Optional.empty(), roles, permissions), "iss", null, Instant.now());
  }

  static Target target(String host, String path, String method) {
    return new Target(host, Optional.of(path), method);
  }

  @Test
  void theDocumentedExampleLoadsAndDecides() {
    RuleSet rules = RulesFile.read(Path.of("docs/rules.example.yaml"));
    Verification nobody = new Verification.Refused(Rejection.noCredential());
    Verification staff = caller(List.of("staff"), List.of("reports:read"));
    Verification admin = caller(List.of("admin"), List.of("docs:*"));

    assertThat(rules.judge(target("a.example.com", "/assets/app.css", "GET"), nobody))
        .isInstanceOf(Verdict.Allow.class);
    assertThat(rules.judge(target("a.example.com", "/assets/app.css", "POST"), nobody))
        .isInstanceOf(Verdict.Unauthorized.class);
    assertThat(rules.judge(target("admin.example.com", "/", "GET"), staff))
        .isEqualTo(new Verdict.Forbidden("missing role 'admin'"));
    assertThat(rules.judge(target("admin.example.com", "/", "GET"), admin))
        .isInstanceOf(Verdict.Allow.class);
    assertThat(rules.judge(target("a.example.com", "/reports", "GET"), staff))
        .isInstanceOf(Verdict.Allow.class);
    assertThat(rules.judge(target("a.example.com", "/reports/q3", "DELETE"), staff))
        .isEqualTo(new Verdict.Forbidden("missing permission 'reports:write'"));
    assertThat(rules.judge(target("v2.docs.example.com", "/api/x/export", "GET"), admin))
        .isInstanceOf(Verdict.Allow.class);
    assertThat(rules.judge(target("v2.docs.example.com", "/api/x/export", "GET"), staff))
        .isEqualTo(
            new Verdict.Forbidden(
                "missing permission: one of 'docs:export', 'docs:admin' is required"));
    assertThat(rules.judge(target("www.example.com", "/", "GET"), nobody))
        .isInstanceOf(Verdict.Allow.class);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "rules:\\n  - path: /a\\n    policy: admins\\n| line 3: policy \"admins\" is not a policy",
        "rules:\\n  - path: /a\\n    policy: roles\\n| line 3: policy roles needs exactly one of",
        "rules:\\n  - path: /a\\n    policy: public\\n    any: [x]\\n| line 3: policy public takes no",
        "rules:\\n  - path: a\\n    policy: public\\n| line 2: path \"a\" must start with /",
        "rules:\\n  - path: /a/../b\\n    policy: public\\n| line 2: path \"/a/../b\" is not a plain path",
        "rules:\\n  - paht: /a\\n    policy: public\\n| line 2: unknown key \"paht\"",
        "rules:\\n  - policy: public\\n| line 2: a rule needs at least one of host, path and methods",
        "rules:\\n  - path: /a\\n    methods: [FETCH]\\n    policy: public\\n| line 3: method \"FETCH\"",
        "rules:\\n  - host: https://a.example\\n    policy: public\\n| line 2: host \"https://a.example\"",
        "default: roles\\n| line 1: default \"roles\" is not a policy",
        "rules:\\n  - path: [/a\\n| line 3: not valid YAML",
      })
  void refusesAnInvalidFileWithItsLineAndReason(String yaml, String message) throws Exception {
    Path file = write(yaml.replace("\\n", "\n"));

    assertThatThrownBy(() -> RulesFile.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }
}
