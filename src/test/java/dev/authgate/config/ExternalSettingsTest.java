package dev.authgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalSettingsTest {
  static final String SECRET = "x".repeat(40);

  @Test
  void givesTheSecretTheExternalIssuerWhenNoJwksClaimsIt() {
    Settings s =
        SettingsLoader.load(
            Map.of("AUTH_JWT_SECRET", SECRET, "AUTH_JWT_ISSUER", "https://legacy.example"));

    assertThat(s.external().secretIssuer()).hasValue("https://legacy.example");
  }

  @Test
  void asksForASecretIssuerWhenASecretAndAJwksAreBothSet() {
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Map.of(
                        "AUTH_JWT_SECRET", SECRET,
                        "AUTH_JWKS_URI", "https://idp.example/jwks",
                        "AUTH_JWT_ISSUER", "https://idp.example")))
        .hasMessageContaining("set AUTH_JWT_SECRET_ISSUER");
  }

  @Test
  void refusesOneIssuerForBothASecretAndAJwks() {
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Map.of(
                        "AUTH_JWT_SECRET", SECRET,
                        "AUTH_JWT_SECRET_ISSUER", "https://idp.example",
                        "AUTH_JWKS_URI", "https://idp.example/jwks",
                        "AUTH_JWT_ISSUER", "https://idp.example")))
        .hasMessageContaining("AUTH_JWT_SECRET_ISSUER is the same as AUTH_JWT_ISSUER");
  }

  @Test
  void refusesAJwksUriWithoutItsIssuer() {
    assertThatThrownBy(
            () -> SettingsLoader.load(Map.of("AUTH_JWKS_URI", "https://idp.example/jwks")))
        .hasMessageContaining("AUTH_JWKS_URI is set without AUTH_JWT_ISSUER");
  }

  @Test
  void refusesDevelopmentHeadersInProduction() {
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Map.of("DEVELOPMENT_AUTH_ENABLED", "true", "AUTH_ENV", "production")))
        .hasMessageContaining("AUTH_DEV_HEADERS=true is refused when AUTH_ENV=production");
  }
}
