package dev.authgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrowserSettingsTest {

  @Test
  void defaultsToASecureHostOnlyCookieAndLoopbackAndPrivateProxies() {
    Settings.Browser b = Settings.defaults().browser();

    assertThat(b.cookieName()).isEqualTo("authgate_session");
    assertThat(b.cookieDomain()).isEmpty();
    assertThat(b.cookieSecure()).isTrue();
    assertThat(b.loginUrl()).isEqualTo("/login");
    assertThat(b.defaultRedirect()).isEqualTo("/");
    assertThat(b.trustedProxies()).contains("127.0.0.0/8", "::1/128", "10.0.0.0/8");
  }

  @Test
  void readsEveryBrowserSetting() {
    Settings.Browser b =
        SettingsLoader.load(
                Map.of(
                    "AUTH_COOKIE_DOMAIN", ".Example.com",
                    "AUTH_LOGIN_URL", "https://auth.example.com/login",
                    "AUTH_DEFAULT_REDIRECT", "https://app.example.com/",
                    "AUTH_ALLOWED_REDIRECT_HOSTS", "docs.example.org, Wiki.example.net",
                    "AUTH_TRUSTED_PROXIES", "192.0.2.7,2001:db8::/32",
                    "AUTH_PRODUCT_NAME", "Example Corp",
                    "AUTH_BRAND_COLOR", "#0F766E"))
            .browser();

    assertThat(b.cookieDomain()).isEqualTo(Optional.of(".example.com"));
    assertThat(b.loginUrl()).isEqualTo("https://auth.example.com/login");
    assertThat(b.allowedRedirectHosts()).isEqualTo(List.of("docs.example.org", "wiki.example.net"));
    assertThat(b.trustedProxies()).isEqualTo(List.of("192.0.2.7", "2001:db8::/32"));
    assertThat(b.productName()).isEqualTo("Example Corp");
    assertThat(b.brandColor()).isEqualTo("#0f766e");
  }

  @Test
  void namesEveryWrongBrowserSettingWithAnExample() {
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Map.of(
                        "AUTH_COOKIE_DOMAIN", "example.com/evil",
                        "AUTH_LOGIN_URL", "//auth.example.com/login",
                        "AUTH_DEFAULT_REDIRECT", "javascript:alert(1)",
                        "AUTH_ALLOWED_REDIRECT_HOSTS", "ok.example.com,https://x.example.com",
                        "AUTH_TRUSTED_PROXIES", "10.0.0.0/33,proxy.internal",
                        "AUTH_BRAND_COLOR", "red;background:url(x)")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "AUTH_COOKIE_DOMAIN=\"example.com/evil\" is not a domain name: for example"
                + " AUTH_COOKIE_DOMAIN=.example.com")
        .hasMessageContaining(
            "AUTH_LOGIN_URL=\"//auth.example.com/login\" is neither a path starting with / nor an"
                + " http(s) URL")
        .hasMessageContaining("AUTH_DEFAULT_REDIRECT=\"javascript:alert(1)\" is neither")
        .hasMessageContaining(
            "AUTH_ALLOWED_REDIRECT_HOSTS contains \"https://x.example.com\", which is not a host"
                + " name")
        .hasMessageContaining(
            "AUTH_TRUSTED_PROXIES contains \"10.0.0.0/33\", which is not an address or range")
        .hasMessageContaining("AUTH_TRUSTED_PROXIES contains \"proxy.internal\"")
        .hasMessageContaining(
            "AUTH_BRAND_COLOR=\"red;background:url(x)\" is not a hex colour: write #rgb or #rrggbb");
  }

  @Test
  void matchesAddressesAgainstRanges() {
    Cidr v4 = Cidr.parse("172.16.0.0/12").orElseThrow();
    Cidr v6 = Cidr.parse("fc00::/7").orElseThrow();

    assertThat(v4.contains("172.31.255.1")).isTrue();
    assertThat(v4.contains("172.32.0.1")).isFalse();
    assertThat(v4.contains("::ffff:172.16.0.9")).isTrue();
    assertThat(v6.contains("fd12:3456::1")).isTrue();
    assertThat(v6.contains("fe80::1")).isFalse();
    assertThat(v4.contains("localhost")).isFalse();
    assertThat(Cidr.parse("10.0.0.1").orElseThrow().contains("10.0.0.1")).isTrue();
  }

  @Test
  void refusesACookieWithoutSecureInProductionButAllowsItInDevelopment() {
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Map.of("AUTH_ENV", "production", "AUTH_COOKIE_SECURE", "false")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "AUTH_COOKIE_SECURE=false is refused when AUTH_ENV=production: the session cookie"
                + " would travel over plain http; serve authgate behind TLS and unset"
                + " AUTH_COOKIE_SECURE");
    assertThat(SettingsLoader.load(Map.of("AUTH_COOKIE_SECURE", "false")).browser().cookieSecure())
        .isFalse();
  }
}
