package dev.authgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authgate.support.Claims;
import dev.authgate.support.KeyedServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connection that answers plain /verify requests without Jetty's parser and hands every other
 * request to Jetty, seen from a raw socket: answers keep request order, a request may arrive in any
 * pieces, the connection keeps working after Jetty takes it, and a request answered either way gets
 * the same answer.
 */
class VerifyConnectionTest {
  static final String ISSUER = "http://authgate.test";
  static final ObjectMapper JSON = new ObjectMapper();
  static final AtomicInteger SUBJECTS = new AtomicInteger();
  static final Set<String> UNSTABLE_HEADERS = Set.of("date", "x-request-id", "connection");

  static KeyedServer keyed;

  @BeforeAll
  static void start() {
    keyed = KeyedServer.start(Map.of());
  }

  @AfterAll
  static void stop() {
    keyed.close();
  }

  // ---------------------------------------------------------------- order and pieces

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws IOException {
    String seen = token(subject("seen"));
    remember(seen);
    List<String> fresh = List.of(subject("a"), subject("b"), subject("c"), subject("d"));
    String invalid = forged(subject("forged"));
    try (Conn c = new Conn()) {
      c.send(verify("Authorization: Bearer " + seen, "X-Request-Id: req-0"));
      Answer first = c.read();
      assertThat(first.status).isEqualTo(200);
      assertThat(first.header("X-User-Id")).isEqualTo(subjectOf(seen));
      assertThat(first.header("X-Request-Id")).isEqualTo("req-0");

      // {credential header or null, expected status, expected user id or null}
      List<String[]> plan = new ArrayList<>();
      plan.add(new String[] {"Authorization: Bearer " + seen, "200", subjectOf(seen)});
      plan.add(new String[] {"Authorization: Bearer " + token(fresh.get(0)), "200", fresh.get(0)});
      plan.add(new String[] {"Authorization: Bearer " + token(fresh.get(1)), "200", fresh.get(1)});
      plan.add(new String[] {"Authorization: Bearer " + invalid, "401", null});
      plan.add(new String[] {null, "401", null});
      plan.add(new String[] {"Authorization: Bearer " + token(fresh.get(2)), "200", fresh.get(2)});
      plan.add(new String[] {"Authorization: Bearer " + seen, "200", subjectOf(seen)});
      plan.add(new String[] {"Authorization: Bearer " + token(fresh.get(3)), "200", fresh.get(3)});
      plan.add(new String[] {"Authorization: Bearer not-a-token", "401", null});
      plan.add(new String[] {"Authorization: Bearer " + seen, "200", subjectOf(seen)});

      StringBuilder all = new StringBuilder();
      for (int i = 0; i < plan.size(); i++) {
        String credential = plan.get(i)[0];
        String id = "X-Request-Id: req-" + (i + 1);
        all.append(credential == null ? verify(id) : verify(credential, id));
      }
      c.send(all.toString());

      for (int i = 0; i < plan.size(); i++) {
        Answer a = c.read();
        String[] expected = plan.get(i);
        assertThat(a.header("X-Request-Id")).as("answer %d", i + 1).isEqualTo("req-" + (i + 1));
        assertThat(a.status).as("answer %d", i + 1).isEqualTo(Integer.parseInt(expected[1]));
        assertThat(a.header("X-User-Id")).as("answer %d", i + 1).isEqualTo(expected[2]);
        if (a.status == 401) {
          assertThat(a.header("WWW-Authenticate")).as("answer %d", i + 1).startsWith("Bearer");
          assertThat(json(a).get("error").asText()).isIn("unauthorized", "invalid_token");
        } else {
          assertThat(a.body).isEmpty();
        }
      }
      assertNothingMoreWithin(c, 200);
    }
  }

  @Test
  void aRequestSentInTinyPiecesIsAnsweredOnce() throws Exception {
    String user = subject("pieces");
    byte[] request =
        ascii(verify("Authorization: Bearer " + token(user), "X-Request-Id: pieces-1"));
    Random random = new Random(42);
    try (Conn c = new Conn()) {
      for (int i = 0; i < request.length; ) {
        int n = Math.min(1 + random.nextInt(7), request.length - i);
        c.out.write(request, i, n);
        c.out.flush();
        i += n;
        Thread.sleep(1);
      }
      Answer a = c.read();
      assertThat(a.status).isEqualTo(200);
      assertThat(a.header("X-User-Id")).isEqualTo(user);
      assertThat(a.header("X-Request-Id")).isEqualTo("pieces-1");

      // A second answer to the same request would be read here instead of this one.
      c.send(verify("X-Request-Id: pieces-2"));
      Answer next = c.read();
      assertThat(next.header("X-Request-Id")).isEqualTo("pieces-2");
      assertThat(next.status).isEqualTo(401);
    }
  }

  @Test
  void aPipelineSplitAtEveryPlaceIsAnsweredInOrder() throws Exception {
    String seen = token(subject("split"));
    remember(seen);
    String both =
        verify("Authorization: Bearer " + seen, "X-Request-Id: s-1") + verify("X-Request-Id: s-2");
    byte[] bytes = ascii(both);
    for (int cut = 1; cut < bytes.length; cut += 37) {
      try (Conn c = new Conn()) {
        c.out.write(bytes, 0, cut);
        c.out.flush();
        Thread.sleep(1);
        c.out.write(bytes, cut, bytes.length - cut);
        c.out.flush();
        Answer first = c.read();
        Answer second = c.read();
        assertThat(first.header("X-Request-Id")).as("cut at %d", cut).isEqualTo("s-1");
        assertThat(first.status).as("cut at %d", cut).isEqualTo(200);
        assertThat(second.header("X-Request-Id")).as("cut at %d", cut).isEqualTo("s-2");
        assertThat(second.status).as("cut at %d", cut).isEqualTo(401);
      }
    }
  }

  @Test
  void aPipelineLargerThanTheBuffersIsAnsweredInOrderToASlowReader() throws Exception {
    String seen = token(subject("many"));
    remember(seen);
    // Some megabytes of answers: more than the socket buffers hold, so the server finds the socket
    // full, waits for it to drain, then carries on reading; refusals have the largest answers.
    int count = 14000;
    StringBuilder all = new StringBuilder();
    List<String> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = "X-Request-Id: m-" + i;
      if (i % 1000 == 7) {
        String user = subject("many-fresh");
        users.add(user);
        all.append(verify("Authorization: Bearer " + token(user), id));
      } else if (i % 3 == 0) {
        users.add(subjectOf(seen));
        all.append(verify("Authorization: Bearer " + seen, id));
      } else {
        users.add(null);
        all.append(verify(id));
      }
    }
    byte[] bytes = ascii(all.toString());
    try (Conn c = new Conn(4096)) {
      // Written from another thread: the answers fill the socket while this one still writes.
      Thread writer =
          new Thread(
              () -> {
                try {
                  c.out.write(bytes);
                  c.out.flush();
                } catch (IOException e) {
                  // the reads below fail and say why
                }
              });
      writer.start();
      Thread.sleep(300);
      for (int i = 0; i < count; i++) {
        Answer a = c.read();
        assertThat(a.header("X-Request-Id")).isEqualTo("m-" + i);
        assertThat(a.status).as("m-%d", i).isEqualTo(users.get(i) == null ? 401 : 200);
        assertThat(a.header("X-User-Id")).as("m-%d", i).isEqualTo(users.get(i));
      }
      writer.join(5000);
      assertNothingMoreWithin(c, 100);
    }
  }

  // ---------------------------------------------------------------- hand-over to Jetty

  @Test
  void theConnectionKeepsServingAfterJettyTakesItOver() throws IOException {
    String seen = token(subject("handover"));
    remember(seen);
    String fresh = subject("handover-fresh");
    try (Conn c = new Conn()) {
      c.send(verify("Authorization: Bearer " + seen, "X-Request-Id: h-1"));
      assertThat(c.read().status).isEqualTo(200);

      c.send(
          verify("Authorization: Bearer " + seen, "X-Request-Id: h-2")
              + get("/healthz", "X-Request-Id: h-3")
              + verify("Authorization: Bearer " + seen, "X-Request-Id: h-4")
              + verify("X-Request-Id: h-5"));

      Answer a2 = c.read();
      Answer a3 = c.read();
      Answer a4 = c.read();
      Answer a5 = c.read();
      assertThat(a2.status).isEqualTo(200);
      assertThat(a2.header("X-Request-Id")).isEqualTo("h-2");
      assertThat(a2.header("X-User-Id")).isEqualTo(subjectOf(seen));
      assertThat(a3.status).isEqualTo(200);
      assertThat(a3.header("X-Request-Id")).isEqualTo("h-3");
      assertThat(a3.header("Content-Type")).startsWith("application/json");
      assertThat(json(a3).get("status").asText()).isEqualTo("ok");
      assertThat(a4.status).isEqualTo(200);
      assertThat(a4.header("X-Request-Id")).isEqualTo("h-4");
      assertThat(a4.header("X-User-Id")).isEqualTo(subjectOf(seen));
      assertThat(a5.status).isEqualTo(401);
      assertThat(a5.header("X-Request-Id")).isEqualTo("h-5");

      // Later writes on the same connection, now Jetty's, are answered too.
      c.send(verify("Authorization: Bearer " + token(fresh), "X-Request-Id: h-6"));
      Answer a6 = c.read();
      assertThat(a6.status).isEqualTo(200);
      assertThat(a6.header("X-User-Id")).isEqualTo(fresh);
      assertThat(a6.header("X-Request-Id")).isEqualTo("h-6");
    }
  }

  @Test
  void aRequestThatArrivesWhileTheTokenBeforeItIsVerifiedIsAnsweredAfterIt() throws IOException {
    // The second request comes in its own packet, right behind the first: some of the rounds find
    // the pool still verifying, the others find it done; both must answer each request once, in
    // order.
    try (Conn c = new Conn()) {
      for (int round = 0; round < 200; round++) {
        String first = subject("while-verifying-a");
        String second = subject("while-verifying-b");
        c.send(verify("Authorization: Bearer " + token(first), "X-Request-Id: w-" + round + "-1"));
        c.send(verify("Authorization: Bearer " + token(second), "X-Request-Id: w-" + round + "-2"));
        Answer a1 = c.read();
        Answer a2 = c.read();
        assertThat(a1.header("X-Request-Id")).isEqualTo("w-" + round + "-1");
        assertThat(a1.header("X-User-Id")).isEqualTo(first);
        assertThat(a2.header("X-Request-Id")).isEqualTo("w-" + round + "-2");
        assertThat(a2.header("X-User-Id")).isEqualTo(second);
      }
      assertNothingMoreWithin(c, 200);
    }
  }

  @Test
  void aHandOverRightAfterATokenVerifiedOnThePoolKeepsOrder() throws IOException {
    String fresh = subject("pool-then-jetty");
    try (Conn c = new Conn()) {
      c.send(
          verify("Authorization: Bearer " + token(fresh), "X-Request-Id: p-1")
              + get("/livez", "X-Request-Id: p-2")
              + verify("Authorization: Bearer " + token(fresh), "X-Request-Id: p-3"));
      Answer a1 = c.read();
      Answer a2 = c.read();
      Answer a3 = c.read();
      assertThat(a1.header("X-Request-Id")).isEqualTo("p-1");
      assertThat(a1.status).isEqualTo(200);
      assertThat(a1.header("X-User-Id")).isEqualTo(fresh);
      assertThat(a2.header("X-Request-Id")).isEqualTo("p-2");
      assertThat(a2.status).isEqualTo(200);
      assertThat(json(a2).get("status").asText()).isEqualTo("ok");
      assertThat(a3.header("X-Request-Id")).isEqualTo("p-3");
      assertThat(a3.status).isEqualTo(200);
      assertThat(a3.header("X-User-Id")).isEqualTo(fresh);
    }
  }

  @Test
  void http10VerifyIsAnsweredWithTheIdentity() throws IOException {
    String user = subject("http10");
    try (Conn c = new Conn()) {
      c.send(
          "GET /verify HTTP/1.0\r\nHost: authgate\r\nAuthorization: Bearer "
              + token(user)
              + "\r\n\r\n");
      Answer a = c.read();
      assertThat(a.status).isEqualTo(200);
      assertThat(a.header("X-User-Id")).isEqualTo(user);
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void connectionCloseIsAnsweredThenTheServerCloses() throws IOException {
    String user = subject("close");
    try (Conn c = new Conn()) {
      c.send(verify("Authorization: Bearer " + token(user), "Connection: close"));
      Answer a = c.read();
      assertThat(a.status).isEqualTo(200);
      assertThat(a.header("X-User-Id")).isEqualTo(user);
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void connectionCloseAfterFastAnswersIsAnsweredThenTheServerCloses() throws IOException {
    String seen = token(subject("close-late"));
    remember(seen);
    try (Conn c = new Conn()) {
      c.send(
          verify("Authorization: Bearer " + seen, "X-Request-Id: cl-1")
              + verify("Authorization: Bearer " + seen, "X-Request-Id: cl-2")
              + verify("X-Request-Id: cl-3", "Connection: close"));
      assertThat(c.read().header("X-Request-Id")).isEqualTo("cl-1");
      assertThat(c.read().header("X-Request-Id")).isEqualTo("cl-2");
      Answer last = c.read();
      assertThat(last.header("X-Request-Id")).isEqualTo("cl-3");
      assertThat(last.status).isEqualTo(401);
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void verifyWithABodyIsAnsweredAndTheConnectionServesTheNextRequest() throws IOException {
    String seen = token(subject("body"));
    remember(seen);
    try (Conn c = new Conn()) {
      c.send(
          "POST /verify HTTP/1.1\r\nHost: authgate\r\nAuthorization: Bearer "
              + seen
              + "\r\nX-Request-Id: b-1\r\nContent-Length: 5\r\n\r\nhello"
              + verify("Authorization: Bearer " + seen, "X-Request-Id: b-2"));
      Answer a1 = c.read();
      Answer a2 = c.read();
      assertThat(a1.status).isEqualTo(200);
      assertThat(a1.header("X-Request-Id")).isEqualTo("b-1");
      assertThat(a1.header("X-User-Id")).isEqualTo(subjectOf(seen));
      assertThat(a2.status).isEqualTo(200);
      assertThat(a2.header("X-Request-Id")).isEqualTo("b-2");

      c.send(verify("Authorization: Bearer " + seen, "X-Request-Id: b-3"));
      Answer a3 = c.read();
      assertThat(a3.status).isEqualTo(200);
      assertThat(a3.header("X-Request-Id")).isEqualTo("b-3");
    }
  }

  @Test
  void verifyWithAChunkedBodyIsAnsweredAndTheConnectionServesTheNextRequest() throws IOException {
    String seen = token(subject("chunked"));
    remember(seen);
    try (Conn c = new Conn()) {
      c.send(
          verify("Authorization: Bearer " + seen, "X-Request-Id: ch-1")
              + "POST /verify HTTP/1.1\r\nHost: authgate\r\nAuthorization: Bearer "
              + seen
              + "\r\nX-Request-Id: ch-2\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "3\r\nabc\r\n0\r\n\r\n"
              + verify("Authorization: Bearer " + seen, "X-Request-Id: ch-3"));
      for (int i = 1; i <= 3; i++) {
        Answer a = c.read();
        assertThat(a.header("X-Request-Id")).isEqualTo("ch-" + i);
        assertThat(a.status).isEqualTo(200);
        assertThat(a.header("X-User-Id")).isEqualTo(subjectOf(seen));
      }
    }
  }

  @Test
  void expectContinueWithoutABodyIsAnswered() throws IOException {
    String seen = token(subject("expect"));
    remember(seen);
    try (Conn c = new Conn()) {
      c.send(
          verify("Authorization: Bearer " + seen, "Expect: 100-continue", "X-Request-Id: ex-1")
              + verify("Authorization: Bearer " + seen, "X-Request-Id: ex-2"));
      Answer a1 = c.read();
      if (a1.status == 100) {
        a1 = c.read();
      }
      assertThat(a1.header("X-Request-Id")).isEqualTo("ex-1");
      assertThat(a1.status).isEqualTo(200);
      assertThat(a1.header("X-User-Id")).isEqualTo(subjectOf(seen));
      // Jetty 12 closes a connection after a request whose 100-continue it never sent (fast path
      // off, too); whichever it does, it does not hang and answers nothing out of order.
      Answer a2 = c.readUnlessClosed();
      if (a2 != null) {
        assertThat(a2.header("X-Request-Id")).isEqualTo("ex-2");
        assertThat(a2.status).isEqualTo(200);
      }
    }
  }

  @Test
  void aBodyThatArrivesAfterTheHeadIsReadBeforeTheAnswerAndTheConnectionStaysOpen()
      throws Exception {
    try (Conn c = new Conn()) {
      c.send(
          "POST /verify HTTP/1.1\r\nHost: authgate\r\nContent-Length: 3\r\n"
              + "X-Request-Id: late-1\r\n\r\n");
      Thread.sleep(100);
      c.send("a=1");
      Answer first = c.read();
      assertThat(first.status).isEqualTo(401);
      assertThat(first.header("Connection")).isNull();

      c.send(verify("X-Request-Id: late-2"));
      Answer next = c.read();
      assertThat(next.status).isEqualTo(401);
      assertThat(next.header("X-Request-Id")).isEqualTo("late-2");
    }
  }

  @Test
  void aBodyLargerThanAnyRouteTakesIsAnsweredWithConnectionClose() throws IOException {
    try (Conn c = new Conn()) {
      c.send(
          "POST /verify HTTP/1.1\r\nHost: authgate\r\nContent-Length: 1000000\r\n\r\n"
              + "a".repeat(1000));
      Answer a = c.read();
      assertThat(a.status).isEqualTo(401);
      assertThat(a.header("Connection")).isEqualToIgnoringCase("close");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void aChunkedBodyLargerThanAnyRouteTakesIsAnsweredWithConnectionClose() throws IOException {
    try (Conn c = new Conn()) {
      c.send(
          "POST /verify HTTP/1.1\r\nHost: authgate\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "10000\r\n"
              + "a".repeat(0x10000)
              + "\r\n"
              + "10000\r\n"
              + "a".repeat(0x10000)
              + "\r\n");
      Answer a = c.read();
      assertThat(a.status).isEqualTo(401);
      assertThat(a.header("Connection")).isEqualToIgnoringCase("close");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void anEightBitHeaderValueIsAnswered() throws IOException {
    String seen = token(subject("latin1"));
    remember(seen);
    byte[] plain =
        (verify("Authorization: Bearer " + seen, "X-Name: caf\u00e9", "X-Request-Id: l1-1"))
            .getBytes(StandardCharsets.ISO_8859_1);
    try (Conn c = new Conn()) {
      c.out.write(plain);
      c.out.flush();
      Answer a = c.read();
      assertThat(a.status).isEqualTo(200);
      assertThat(a.header("X-User-Id")).isEqualTo(subjectOf(seen));
      assertThat(a.header("X-Request-Id")).isEqualTo("l1-1");
    }
  }

  @Test
  void aControlByteInAHeaderValueIsAnsweredWithoutAHangOrAServerError() throws IOException {
    String seen = token(subject("control"));
    remember(seen);
    try (Conn c = new Conn()) {
      c.send(
          verify("Authorization: Bearer " + seen, "X-Request-Id: cb-1")
              + verify("Authorization: Bearer " + seen, "X-Odd: a\u0001b", "X-Request-Id: cb-2"));
      Answer a1 = c.read();
      assertThat(a1.status).isEqualTo(200);
      assertThat(a1.header("X-Request-Id")).isEqualTo("cb-1");
      Answer a2 = c.read();
      assertThat(a2.status).satisfiesAnyOf(s -> assertThat(s).isEqualTo(200), this::clientError);
    }
  }

  @Test
  void verifyWithAnEmptyBodyLengthIsAnswered() throws IOException {
    String seen = token(subject("empty-body"));
    remember(seen);
    try (Conn c = new Conn()) {
      c.send(
          verify("Authorization: Bearer " + seen, "Content-Length: 0", "X-Request-Id: e-1")
              + verify("Authorization: Bearer " + seen, "X-Request-Id: e-2"));
      Answer a1 = c.read();
      Answer a2 = c.read();
      assertThat(a1.status).isEqualTo(200);
      assertThat(a1.header("X-Request-Id")).isEqualTo("e-1");
      assertThat(a2.status).isEqualTo(200);
      assertThat(a2.header("X-Request-Id")).isEqualTo("e-2");
    }
  }

  @Test
  void headVerifyAnswersTheStatusWithoutABody() throws IOException {
    String user = subject("head");
    try (Conn c = new Conn()) {
      c.send(
          "HEAD /verify HTTP/1.1\r\nHost: authgate\r\nAuthorization: Bearer "
              + token(user)
              + "\r\nX-Request-Id: hd-1\r\n\r\n");
      Answer ok = c.readHead();
      assertThat(ok.status).isEqualTo(200);
      assertThat(ok.header("X-User-Id")).isEqualTo(user);

      c.send("HEAD /verify HTTP/1.1\r\nHost: authgate\r\nX-Request-Id: hd-2\r\n\r\n");
      Answer refused = c.readHead();
      assertThat(refused.status).isEqualTo(401);
      assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(refused.header("X-Request-Id")).isEqualTo("hd-2");

      // Body bytes after a HEAD answer would be read here as the next status line.
      c.send(verify("X-Request-Id: hd-3"));
      Answer next = c.read();
      assertThat(next.status).isEqualTo(401);
      assertThat(next.header("X-Request-Id")).isEqualTo("hd-3");
    }
  }

  @Test
  void anObsFoldedHeaderIsAnsweredByJettyWithoutAHangOrAServerError() throws IOException {
    String user = subject("fold");
    try (Conn c = new Conn()) {
      c.send(
          "GET /verify HTTP/1.1\r\nHost: authgate\r\nX-Folded: a\r\n b\r\nAuthorization: Bearer "
              + token(user)
              + "\r\n\r\n");
      Answer a = c.read();
      assertThat(a.status).satisfiesAnyOf(s -> assertThat(s).isEqualTo(200), this::clientError);
      if (a.status == 200) {
        assertThat(a.header("X-User-Id")).isEqualTo(user);
      }
    }
  }

  @Test
  void bareLineFeedsAreAnsweredByJettyWithoutAHangOrAServerError() throws IOException {
    String user = subject("lf");
    try (Conn c = new Conn()) {
      c.send("GET /verify HTTP/1.1\nHost: authgate\nAuthorization: Bearer " + token(user) + "\n\n");
      Answer a = c.read();
      assertThat(a.status).satisfiesAnyOf(s -> assertThat(s).isEqualTo(200), this::clientError);
      if (a.status == 200) {
        assertThat(a.header("X-User-Id")).isEqualTo(user);
      }
    }
  }

  @Test
  void aBareLineFeedAfterFastAnswersIsAnsweredWithoutAHangOrAServerError() throws IOException {
    String seen = token(subject("lf-late"));
    remember(seen);
    try (Conn c = new Conn()) {
      c.send(
          verify("Authorization: Bearer " + seen, "X-Request-Id: lf-1")
              + "GET /verify HTTP/1.1\r\nHost: authgate\r\nAuthorization: Bearer "
              + seen
              + "\nX-Request-Id: lf-2\r\n\r\n");
      Answer a1 = c.read();
      assertThat(a1.status).isEqualTo(200);
      assertThat(a1.header("X-Request-Id")).isEqualTo("lf-1");
      Answer a2 = c.read();
      assertThat(a2.status).satisfiesAnyOf(s -> assertThat(s).isEqualTo(200), this::clientError);
    }
  }

  @Test
  void aHeadLargerThanTheReadBufferIsAnswered() throws IOException {
    String user = subject("large");
    String padding = "X-Padding: " + "a".repeat(10 * 1024);
    try (Conn c = new Conn()) {
      c.send(verify("Authorization: Bearer " + token(user), padding, "X-Request-Id: big-1"));
      Answer a = c.read();
      assertThat(a.status).isEqualTo(200);
      assertThat(a.header("X-User-Id")).isEqualTo(user);
      assertThat(a.header("X-Request-Id")).isEqualTo("big-1");
    }
  }

  @Test
  void aLargeHeadAfterFastAnswersIsAnsweredInOrder() throws IOException {
    String seen = token(subject("large-late"));
    remember(seen);
    String padding = "X-Padding: " + "b".repeat(20 * 1024);
    try (Conn c = new Conn()) {
      c.send(
          verify("Authorization: Bearer " + seen, "X-Request-Id: lg-1")
              + verify("Authorization: Bearer " + seen, padding, "X-Request-Id: lg-2")
              + verify("Authorization: Bearer " + seen, "X-Request-Id: lg-3"));
      for (int i = 1; i <= 3; i++) {
        Answer a = c.read();
        assertThat(a.header("X-Request-Id")).isEqualTo("lg-" + i);
        assertThat(a.status).isEqualTo(200);
        assertThat(a.header("X-User-Id")).isEqualTo(subjectOf(seen));
      }
    }
  }

  @Test
  void aMissingHostIsRefusedWith400() throws IOException {
    try (Conn c = new Conn()) {
      c.send(
          "GET /verify HTTP/1.1\r\nAuthorization: Bearer " + token(subject("host")) + "\r\n\r\n");
      assertThat(c.read().status).isEqualTo(400);
    }
  }

  @Test
  void twoHostHeadersAreRefusedWith400() throws IOException {
    try (Conn c = new Conn()) {
      c.send("GET /verify HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
      assertThat(c.read().status).isEqualTo(400);
    }
  }

  @Test
  void otherPathsAndVerifyVariantsAreAnsweredAsBefore() throws IOException {
    String seen = token(subject("variants"));
    remember(seen);
    try (Conn c = new Conn()) {
      c.send(
          get("/verify/", "Authorization: Bearer " + seen, "X-Request-Id: v-1")
              + get("/verify?rd=/x&y=1", "Authorization: Bearer " + seen, "X-Request-Id: v-2")
              + get("/verify/extra", "X-Request-Id: v-3")
              + verify(
                  "Authorization: Bearer " + seen, "Connection: keep-alive", "X-Request-Id: v-4")
              + get("/verifyx", "X-Request-Id: v-5"));
      Answer a1 = c.read();
      Answer a2 = c.read();
      Answer a3 = c.read();
      Answer a4 = c.read();
      Answer a5 = c.read();
      assertThat(List.of(a1.status, a2.status, a3.status, a4.status, a5.status))
          .containsExactly(200, 200, 404, 200, 404);
      assertThat(
              List.of(
                  a1.header("X-Request-Id"),
                  a2.header("X-Request-Id"),
                  a3.header("X-Request-Id"),
                  a4.header("X-Request-Id"),
                  a5.header("X-Request-Id")))
          .containsExactly("v-1", "v-2", "v-3", "v-4", "v-5");
      assertThat(a1.header("X-User-Id")).isEqualTo(subjectOf(seen));
      assertThat(a4.header("X-User-Id")).isEqualTo(subjectOf(seen));
    }
  }

  // ---------------------------------------------------------------- same answer either way

  @Test
  void aValidTokenGetsTheSameAnswerFromEitherParser() throws IOException {
    String seen = token(subject("same-valid"));
    remember(seen);
    assertSameAnswerEitherWay("Authorization: Bearer " + seen);
    assertSameAnswerEitherWay("Authorization: Bearer " + token(subject("same-fresh")));
  }

  @Test
  void anInvalidTokenGetsTheSameAnswerFromEitherParser() throws IOException {
    assertSameAnswerEitherWay("Authorization: Bearer " + forged(subject("same-forged")));
    assertSameAnswerEitherWay("Authorization: Bearer not-a-token");
    assertSameAnswerEitherWay("Authorization: Bearer " + expired(subject("same-expired")));
  }

  @Test
  void noCredentialGetsTheSameAnswerFromEitherParser() throws IOException {
    assertSameAnswerEitherWay(null);
  }

  // ---------------------------------------------------------------- header names, broken clients

  @Test
  void headerNamesAreMatchedCaseInsensitively() throws IOException {
    String seen = token(subject("case"));
    remember(seen);
    String fresh = subject("case-fresh");
    try (Conn c = new Conn()) {
      c.send(
          "GET /verify HTTP/1.1\r\nhost: authgate\r\nauthorization: Bearer "
              + seen
              + "\r\nx-request-id: lc-1\r\n\r\n"
              + "GET /verify HTTP/1.1\r\nHOST: authgate\r\nAUTHORIZATION: Bearer "
              + token(fresh)
              + "\r\nX-REQUEST-ID: lc-2\r\n\r\n"
              + "GET /verify HTTP/1.1\r\nhOsT: authgate\r\naUtHoRiZaTiOn: Bearer "
              + seen
              + "\r\nx-ReQuEsT-iD: lc-3\r\n\r\n");
      Answer a1 = c.read();
      Answer a2 = c.read();
      Answer a3 = c.read();
      assertThat(a1.status).isEqualTo(200);
      assertThat(a1.header("X-User-Id")).isEqualTo(subjectOf(seen));
      assertThat(a1.header("X-Request-Id")).isEqualTo("lc-1");
      assertThat(a2.status).isEqualTo(200);
      assertThat(a2.header("X-User-Id")).isEqualTo(fresh);
      assertThat(a2.header("X-Request-Id")).isEqualTo("lc-2");
      assertThat(a3.status).isEqualTo(200);
      assertThat(a3.header("X-User-Id")).isEqualTo(subjectOf(seen));
      assertThat(a3.header("X-Request-Id")).isEqualTo("lc-3");
    }
  }

  @Test
  void aClientThatClosesHalfWayThroughAHeadDoesNotBreakTheServer() throws Exception {
    String seen = token(subject("half"));
    remember(seen);
    String request = verify("Authorization: Bearer " + seen, "X-Request-Id: half");
    byte[] bytes = ascii(request);

    // Closed after part of a first request, after an answered request, and reset mid-head.
    try (Conn c = new Conn()) {
      c.out.write(bytes, 0, bytes.length / 2);
      c.out.flush();
    }
    try (Conn c = new Conn()) {
      c.send(request);
      assertThat(c.read().status).isEqualTo(200);
      c.out.write(bytes, 0, 20);
      c.out.flush();
    }
    try (Conn c = new Conn()) {
      c.out.write(bytes, 0, bytes.length - 3);
      c.out.flush();
      c.socket.setSoLinger(true, 0);
    }
    // Half-closed: the server sees the end of the stream and closes its side, without hanging.
    try (Conn c = new Conn()) {
      c.out.write(bytes, 0, bytes.length / 3);
      c.out.flush();
      c.socket.shutdownOutput();
      assertThat(c.closedByServer()).isTrue();
    }
    // Gone while a new token is verified on the pool.
    try (Conn c = new Conn()) {
      c.send(verify("Authorization: Bearer " + token(subject("gone"))));
      c.socket.setSoLinger(true, 0);
    }

    try (Conn c = new Conn()) {
      c.send(request);
      Answer a = c.read();
      assertThat(a.status).isEqualTo(200);
      assertThat(a.header("X-User-Id")).isEqualTo(subjectOf(seen));
      assertThat(a.header("X-Request-Id")).isEqualTo("half");
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Asks with a credential (or none) plainly and in forms Jetty must read; all answers match. */
  private void assertSameAnswerEitherWay(String credential) throws IOException {
    String[] extra = credential == null ? new String[0] : new String[] {credential};
    String plain = verify(extra);
    Map<String, String> jettyForms = new LinkedHashMap<>();
    jettyForms.put("Connection: close", verify(concat(extra, "Connection: close")));
    jettyForms.put("HTTP/1.0", plain.replaceFirst("HTTP/1\\.1", "HTTP/1.0"));
    jettyForms.put(
        "POST with a body",
        plain
            .replaceFirst("\r\n\r\n$", "\r\nContent-Length: 3\r\n\r\nabc")
            .replaceFirst("^GET", "POST"));

    Answer fast = once(plain);
    for (Map.Entry<String, String> form : jettyForms.entrySet()) {
      Answer jetty = once(form.getValue());
      assertThat(jetty.status).as(form.getKey()).isEqualTo(fast.status);
      assertThat(jetty.comparableHeaders()).as(form.getKey()).isEqualTo(fast.comparableHeaders());
      assertThat(new String(jetty.body, StandardCharsets.UTF_8))
          .as(form.getKey())
          .isEqualTo(new String(fast.body, StandardCharsets.UTF_8));
    }
  }

  private static Answer once(String request) throws IOException {
    try (Conn c = new Conn()) {
      c.send(request);
      return c.read();
    }
  }

  private static String[] concat(String[] a, String b) {
    String[] all = Arrays.copyOf(a, a.length + 1);
    all[a.length] = b;
    return all;
  }

  private void clientError(Integer status) {
    assertThat(status).isBetween(400, 499);
  }

  private static void assertNothingMoreWithin(Conn c, int millis) throws IOException {
    c.socket.setSoTimeout(millis);
    try {
      int b = c.in.read();
      throw new AssertionError("unexpected byte after the last answer: " + b);
    } catch (SocketTimeoutException expected) {
      // nothing more was sent
    } finally {
      c.socket.setSoTimeout(Conn.TIMEOUT_MS);
    }
  }

  private static String subject(String name) {
    return name + "-" + SUBJECTS.incrementAndGet();
  }

  private static String subjectOf(String token) {
    try {
      String payload = token.split("\\.")[1];
      return JSON.readTree(Base64.getUrlDecoder().decode(payload)).get("sub").asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A good token for this subject, signed by the key the server trusts. */
  private static String token(String subject) {
    ObjectNode claims = Claims.access(ISSUER, Instant.now()).put("sub", subject);
    return KeyedServer.sign(Claims.header(KeyedServer.kid()).toString(), claims.toString());
  }

  /** A token whose payload was swapped after signing: the signature does not match it. */
  private static String forged(String subject) {
    String[] good = token(subject).split("\\.");
    String[] other = token(subject + "-x").split("\\.");
    return good[0] + "." + other[1] + "." + good[2];
  }

  private static String expired(String subject) {
    Instant then = Instant.now().minusSeconds(3600);
    ObjectNode claims = Claims.access(ISSUER, then).put("sub", subject);
    return KeyedServer.sign(Claims.header(KeyedServer.kid()).toString(), claims.toString());
  }

  /**
   * Has the server verify the token twice, so it is answered from memory afterwards: the decision
   * cache keeps a token from its second sighting on.
   */
  private static void remember(String token) throws IOException {
    for (int i = 0; i < 2; i++) {
      Answer a = once(verify("Authorization: Bearer " + token));
      assertThat(a.status).isEqualTo(200);
    }
  }

  private static String verify(String... headers) {
    return get("/verify", headers);
  }

  private static String get(String target, String... headers) {
    StringBuilder s = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
    s.append("Host: authgate\r\n");
    for (String h : headers) {
      s.append(h).append("\r\n");
    }
    return s.append("\r\n").toString();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static JsonNode json(Answer a) throws IOException {
    return JSON.readTree(a.body);
  }

  /** One HTTP response as read off the socket. */
  static final class Answer {
    final String statusLine;
    final int status;
    final List<String[]> headers;
    final byte[] body;

    Answer(String statusLine, List<String[]> headers, byte[] body) {
      this.statusLine = statusLine;
      this.status = Integer.parseInt(statusLine.split(" ", 3)[1]);
      this.headers = headers;
      this.body = body;
    }

    /** The only value of a header, or null; fails when the header is repeated. */
    String header(String name) {
      List<String> values = new ArrayList<>();
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          values.add(h[1]);
        }
      }
      assertThat(values).as("values of %s in %s", name, statusLine).hasSizeLessThan(2);
      return values.isEmpty() ? null : values.get(0);
    }

    /** Name: value lines, sorted, without the ones that differ from one answer to the next. */
    List<String> comparableHeaders() {
      List<String> lines = new ArrayList<>();
      for (String[] h : headers) {
        if (!UNSTABLE_HEADERS.contains(h[0].toLowerCase(Locale.ROOT))) {
          lines.add(h[0] + ": " + h[1]);
        }
      }
      lines.sort(String.CASE_INSENSITIVE_ORDER);
      return lines;
    }

    @Override
    public String toString() {
      return statusLine + " " + headers.stream().map(h -> h[0] + ": " + h[1]).toList();
    }
  }

  /** A raw connection to the server; every read times out so no test can hang. */
  static final class Conn implements AutoCloseable {
    static final int TIMEOUT_MS = 5000;

    final Socket socket;
    final OutputStream out;
    final InputStream in;

    Conn() throws IOException {
      this(0);
    }

    /** A connection whose receive buffer holds about this many bytes (0: the default). */
    Conn(int receiveBuffer) throws IOException {
      socket = new Socket();
      if (receiveBuffer > 0) {
        socket.setReceiveBufferSize(receiveBuffer);
      }
      socket.connect(
          new InetSocketAddress("127.0.0.1", keyed.server().service().port()), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream());
    }

    void send(String request) throws IOException {
      out.write(ascii(request));
      out.flush();
    }

    /** The next response, or null when the server closed the connection instead. */
    Answer readUnlessClosed() throws IOException {
      in.mark(1);
      try {
        if (in.read() < 0) {
          return null;
        }
      } catch (SocketException reset) {
        return null;
      }
      in.reset();
      return read();
    }

    /** The next response, with its body. */
    Answer read() throws IOException {
      return read(true);
    }

    /** The next response to a HEAD request: headers only, whatever Content-Length says. */
    Answer readHead() throws IOException {
      return read(false);
    }

    private Answer read(boolean withBody) throws IOException {
      String statusLine = line();
      assertThat(statusLine).matches("HTTP/1\\.[01] \\d{3}( .*)?");
      List<String[]> headers = new ArrayList<>();
      for (String line = line(); !line.isEmpty(); line = line()) {
        int colon = line.indexOf(':');
        assertThat(colon).as("header line %s", line).isPositive();
        headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
      }
      Answer head = new Answer(statusLine, headers, new byte[0]);
      if (!withBody) {
        return head;
      }
      String chunked = head.header("Transfer-Encoding");
      if (chunked != null) {
        assertThat(chunked).isEqualToIgnoringCase("chunked");
        return new Answer(statusLine, headers, chunks());
      }
      String length = head.header("Content-Length");
      assertThat(length).as("Content-Length of %s", head).isNotNull();
      return new Answer(statusLine, headers, bytes(Integer.parseInt(length)));
    }

    private byte[] chunks() throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String size = line();
        int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
        if (n == 0) {
          while (!line().isEmpty()) {
            // trailers
          }
          return body.toByteArray();
        }
        body.write(bytes(n));
        assertThat(line()).isEmpty();
      }
    }

    private byte[] bytes(int n) throws IOException {
      byte[] bytes = in.readNBytes(n);
      if (bytes.length < n) {
        throw new EOFException("connection closed after " + bytes.length + " of " + n + " bytes");
      }
      return bytes;
    }

    /** A line ended by CRLF, without it. */
    private String line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      while (true) {
        int b = in.read();
        if (b < 0) {
          throw new EOFException("connection closed after: " + line);
        }
        if (b == '\r') {
          int lf = in.read();
          assertThat(lf).as("line feed after CR").isEqualTo('\n');
          return line.toString(StandardCharsets.ISO_8859_1);
        }
        line.write(b);
      }
    }

    /** Whether the server closed the connection, with nothing more sent, within the timeout. */
    boolean closedByServer() throws IOException {
      try {
        return in.read() == -1;
      } catch (SocketException reset) {
        return true;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
