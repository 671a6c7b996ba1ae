package dev.authgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestHeadTest {
  private static final String PLAIN =
      "GET /verify HTTP/1.1\r\n"
          + "Host: authgate:8080\r\n"
          + "Authorization: Bearer abc.def.ghi\r\n"
          + "X-Forwarded-Uri: /docs?page=2\r\n"
          + "Cookie: a=1\r\n"
          + "cookie: \t b=2 \t\r\n"
          + "\r\n";

  private static RequestHead.Outcome read(RequestHead head, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return head.read(bytes, 0, bytes.length);
  }

  @Test
  void readsAPlainHeadAndEndsAfterItsBlankLine() {
    RequestHead head = new RequestHead();
    String next = "GET /verify HTTP/1.1\r\n";

    byte[] bytes = ("xx" + PLAIN + next).getBytes(StandardCharsets.ISO_8859_1);
    assertThat(head.read(bytes, 2, bytes.length)).isEqualTo(RequestHead.Outcome.READ);

    assertThat(head.end()).isEqualTo(2 + PLAIN.length());
    assertThat(head.method()).isEqualTo("GET");
    assertThat(head.path()).isEqualTo("/verify");
    assertThat(head.header("Authorization")).isEqualTo("Bearer abc.def.ghi");
    assertThat(head.header("X-Forwarded-Uri")).isEqualTo("/docs?page=2");
  }

  @Test
  void readsAnyMethodToken() {
    RequestHead head = new RequestHead();

    for (String method : new String[] {"GET", "POST", "OPTIONS", "GETX", "GE", "get"}) {
      assertThat(read(head, method + " /verify HTTP/1.1\r\nHost: a\r\n\r\n"))
          .isEqualTo(RequestHead.Outcome.READ);
      assertThat(head.method()).isEqualTo(method);
    }
  }

  @Test
  void namesMatchWhateverTheirCaseAndValuesLoseTheirSurroundingWhitespace() {
    RequestHead head = new RequestHead();
    read(head, PLAIN);

    assertThat(head.header("authorization")).isEqualTo("Bearer abc.def.ghi");
    assertThat(head.headers("COOKIE")).containsExactly("a=1", "b=2");
    assertThat(head.count("Cookie")).isEqualTo(2);
    assertThat(head.header("X-Forwarded-Url")).isNull();
    assertThat(head.headers("Accept")).isEmpty();
  }

  @Test
  void readsEightBitValuesAsLatin1AsJettyDoes() {
    RequestHead head = new RequestHead();

    assertThat(read(head, "GET /verify HTTP/1.1\r\nX-Forwarded-Uri: /caf\u00e9\r\n\r\n"))
        .isEqualTo(RequestHead.Outcome.READ);
    assertThat(head.header("X-Forwarded-Uri")).isEqualTo("/caf\u00e9");
  }

  @Test
  void everyCutOfAPlainHeadIsIncompleteUntilItsLastByte() {
    RequestHead head = new RequestHead();
    byte[] bytes = PLAIN.getBytes(StandardCharsets.ISO_8859_1);

    for (int cut = 0; cut < bytes.length; cut++) {
      assertThat(head.read(bytes, 0, cut))
          .as("first %d bytes", cut)
          .isEqualTo(RequestHead.Outcome.INCOMPLETE);
    }
    assertThat(head.read(bytes, 0, bytes.length)).isEqualTo(RequestHead.Outcome.READ);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /verify HTTP/1.0\r\nHost: a\r\n\r\n",
        "GET /verify HTTP/1.1\nHost: a\r\n\r\n",
        "GET /verify HTTP/1.1\r\nHost: a\n\r\n",
        "GET /verify HTTP/1.1\r\nHost: a\r\n X-Folded: b\r\n\r\n",
        "GET /verify HTTP/1.1\r\nHost : a\r\n\r\n",
        "GET /verify HTTP/1.1\r\n: a\r\n\r\n",
        "GET /verify HTTP/1.1\r\nHost: a\rb\r\n\r\n",
        "GET /verify HTTP/1.1\r\nHost: a\u0000b\r\n\r\n",
        "GET /verify HTTP/1.1\r\nHost: a\u007fb\r\n\r\n",
        "GET http://authgate/verify HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET  /verify HTTP/1.1\r\nHost: a\r\n\r\n",
        " GET /verify HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /ver\u00e9fy HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /verify HTTP/1.1 \r\nHost: a\r\n\r\n",
        "GETTHEVERYLONGMETHODNAME",
      })
  void leavesAnyOtherFormToJetty(String text) {
    assertThat(read(new RequestHead(), text)).isEqualTo(RequestHead.Outcome.OTHER);
  }

  @Test
  void leavesMoreFieldsThanAProxySendsToJetty() {
    String many = "X-A: b\r\n".repeat(RequestHead.MAX_FIELDS + 1);

    assertThat(read(new RequestHead(), "GET /verify HTTP/1.1\r\n" + many + "\r\n"))
        .isEqualTo(RequestHead.Outcome.OTHER);
  }

  @Test
  void matchesThePathWithOrWithoutATrailingSlashAndIgnoresTheQuery() {
    RequestHead head = new RequestHead();

    for (String target : new String[] {"/verify", "/verify/", "/verify?rd=/x", "/verify/?a"}) {
      read(head, "GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n");
      assertThat(head.pathIs("/verify")).as(target).isTrue();
    }
    for (String target : new String[] {"/verify2", "/verif", "/verify//", "/Verify", "/"}) {
      read(head, "GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n");
      assertThat(head.pathIs("/verify")).as(target).isFalse();
    }
    read(head, "GET /verify?access_token=secret HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(head.path()).isEqualTo("/verify");
  }

  @Test
  void acceptsOnlyHostValuesOfANameAnAddressAndAPort() {
    RequestHead head = new RequestHead();

    for (String host : new String[] {"authgate", "authgate:8080", "10.0.0.1:80", "[::1]:9"}) {
      read(head, "GET /verify HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
      assertThat(head.hostIsPlain()).as(host).isTrue();
    }
    for (String host : new String[] {"", "a b", "a/b", "user@a", "a,b"}) {
      read(head, "GET /verify HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
      assertThat(head.hostIsPlain()).as(host).isFalse();
    }
    read(head, "GET /verify HTTP/1.1\r\nX: a\r\n\r\n");
    assertThat(head.hostIsPlain()).isFalse();
  }
}
