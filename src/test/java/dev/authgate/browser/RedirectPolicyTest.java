package dev.authgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectPolicyTest {
  private static final String FALLBACK = "https://app.example.com/home";
  private final RedirectPolicy policy =
      new RedirectPolicy(Optional.of(".example.com"), List.of("partner.test"), FALLBACK);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/reports?id=7&tab=a%20b",
        "/a/b/../c#section",
        "https://example.com/",
        "https://app.example.com/x?y=1",
        "http://deep.sub.example.com:8443/path",
        "HTTPS://APP.EXAMPLE.COM/",
        "https://partner.test/welcome",
        "https://app.example.com/search?q=%2F%2Fevil.com"
      })
  void followsAPathOrAnAllowedHost(String rd) {
    assertThat(policy.target(rd)).isEqualTo(rd);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "//evil.com",
        "/\\evil.com",
        "\\\\evil.com",
        "https:evil.com",
        "https:/evil.com",
        "https:///evil.com",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "https://good.example.com@evil.com",
        "https://app.example.com:443@evil.com/",
        "https://evil.com#.good.example.com",
        "https://evil.com?.example.com",
        "https://evil.com\\.example.com",
        "https://good.example.com.evil.com",
        "https://example.com.evil.com/",
        "https://notexample.com/",
        "https://partner.test.evil.com/",
        "ftp://app.example.com/",
        "evil.com",
        "app.example.com/path",
        "%2F%2Fevil.com",
        "/%2F%2Fevil.com",
        "/%2f%5cevil.com",
        "/%5Cevil.com",
        "/%252F%252Fevil.com",
        "/%25252F%25252Fevil.com",
        "https%3A%2F%2Fevil.com",
        "https://app.example.com%40evil.com/",
        "https://app.example.com%2540evil.com/",
        "//EVIL.COM",
        "HTTPS://EVIL.COM/",
        " //evil.com",
        "//evil.com ",
        "\t//evil.com",
        "/\t/evil.com",
        "/%09/evil.com",
        "/\n/evil.com",
        "/ /evil.com",
        "https://app.example.com/\u2028",
        "/／evil.com",
        "https://evil。com/",
        "/%zz",
        ""
      })
  void fallsBackForEveryOtherDestination(String rd) {
    assertThat(policy.target(rd)).isEqualTo(FALLBACK);
  }

  @Test
  void fallsBackWhenThereIsNoReturnUrl() {
    assertThat(policy.target(null)).isEqualTo(FALLBACK);
  }

  /**
   * oauth2-proxy's corpus: with only www.whitelisteddomain.tld allowed, no payload may lead a
   * browser to another host. A payload that is followed must be a path whose second character
   * cannot start an authority, or an http(s) URL whose authority is exactly the allowed host; the
   * check is written independently of the policy's own code.
   */
  @Test
  void noPayloadOfTheOpenRedirectCorpusLeavesTheAllowedHosts() throws IOException {
    RedirectPolicy corpusPolicy =
        new RedirectPolicy(Optional.empty(), List.of("www.whitelisteddomain.tld"), "/fallback");
    Pattern safe =
        Pattern.compile(
            "(/([^/\\\\\\s][\\x21-\\x7e&&[^\\\\]]*)?)"
                + "|((?i)https?://www\\.whitelisteddomain\\.tld(:\\d+)?([/?#][\\x21-\\x7e&&[^\\\\]]*)?)");
    List<String> lines = Files.readAllLines(SharedTestData.file("openredirects.txt"));
    assertThat(lines).hasSize(559);
    int followed = 0;
    for (String line : lines) {
      String rd = decodeOnce(line);
      String target = corpusPolicy.target(rd);
      if (!target.equals("/fallback")) {
        followed++;
        assertThat(target).as("payload %s", line).matches(safe);
        assertThat(fullyDecoded(target)).as("payload %s decoded", line).matches(safe);
      }
    }
    assertThat(followed).as("some payloads are harmless paths or allowed URLs").isPositive();
  }

  private static String fullyDecoded(String value) {
    String current = value;
    for (int i = 0; i < 5; i++) {
      String next = decodeOnce(current.replace("+", "%2B"));
      if (next.equals(current)) {
        break;
      }
      current = next;
    }
    return current;
  }

  private static String decodeOnce(String line) {
    try {
      return URLDecoder.decode(line, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return line;
    }
  }
}
