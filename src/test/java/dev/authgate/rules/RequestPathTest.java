package dev.authgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "/admin, /admin",
    "/admin/, /admin",
    "//admin, /admin",
    "/public/../admin, /admin",
    "/public/./../admin/x, /admin/x",
    "/../../admin, /admin",
    "/public/%2e%2e/admin, /admin",
    "/public/%2E%2E/admin, /admin",
    "/public%2F..%2Fadmin, /admin",
    "/public%2f%2e%2e%2fadmin, /admin",
    "/public\\..\\admin, /admin",
    "/admin;jsessionid=1/x, /admin/x",
    "/public/..;/admin, /admin",
    "/admin?x=/public, /admin",
    "/admin#/public, /admin",
    "/caf%C3%A9, /café",
  })
  void normalises(String raw, String expected) {
    assertThat(RequestPath.normalise(raw, true)).hasValue(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/a%2", "/a%zz", "/a%252e%252e/admin", "/a%00b", "/a%0d%0ab", "/a%c0%ae", "admin"})
  void refusesWhatCannotBeReadSafely(String raw) {
    assertThat(RequestPath.normalise(raw, true)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"/ADMIN, /admin", "/Admin/../PUBLIC, /public"})
  void lowersCaseWhenPathsAreNotCaseSensitive(String raw, String expected) {
    assertThat(RequestPath.normalise(raw, false)).hasValue(expected);
  }
}
