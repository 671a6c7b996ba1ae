package dev.authgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialExtractorTest {
  final CredentialExtractor extractor = new CredentialExtractor("authgate_session");

  String bearer(String header) throws CredentialExtractor.AmbiguousCredential {
    Credential c = extractor.extract(header, List.of());
    return c == null ? null : c.value();
  }

  @Test
  void readsTheBearerSchemeInAnyCaseAndAroundSpaces() throws Exception {
    assertThat(bearer("Bearer a.b.c")).isEqualTo("a.b.c");
    assertThat(bearer("bEaReR    a.b.c  ")).isEqualTo("a.b.c");
    assertThat(bearer("  BEARER a.b.c")).isEqualTo("a.b.c");
  }

  @Test
  void takesABareJwtWithoutTheScheme() throws Exception {
    assertThat(bearer("a.b.c")).isEqualTo("a.b.c");
    assertThat(bearer("not-a-jwt")).isNull();
  }

  @Test
  void passesOverOtherSchemesAndAnEmptyBearer() throws Exception {
    assertThat(bearer("Basic dXNlcjpwYXNz")).isNull();
    assertThat(bearer("Bearerx a.b.c")).isNull();
    assertThat(bearer("Bearer    ")).isNull();
  }

  @Test
  void fallsBackToTheSessionCookieWhenTheHeaderIsNoBearer() throws Exception {
    Credential c =
        extractor.extract("Basic dXNlcjpwYXNz", List.of("theme=dark; authgate_session=a.b.c"));

    assertThat(c).isEqualTo(new Credential(Credential.Source.COOKIE, "a.b.c"));
  }
}
