package dev.authgate.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

  @Test
  void keepsAPlainClientRequestId() {
    assertThat(RequestIds.requestId("req-42_a.b:c")).isEqualTo("req-42_a.b:c");
  }

  @Test
  void replacesAMissingOrUnsafeRequestIdWithANewUuid() {
    String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    assertThat(RequestIds.requestId(null)).matches(uuid);
    assertThat(RequestIds.requestId("a\nfake log line")).matches(uuid);
    assertThat(RequestIds.requestId("{\"json\":1}")).matches(uuid);
    assertThat(RequestIds.requestId("x".repeat(129))).matches(uuid);
  }

  @Test
  void readsTheTraceIdOfAW3cTraceparent() {
    assertThat(RequestIds.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        .hasValue("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void ignoresATraceparentThatIsMalformedAllZeroOrOfTheForbiddenVersion() {
    assertThat(RequestIds.traceId(null)).isEmpty();
    assertThat(RequestIds.traceId("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"))
        .isEmpty();
    assertThat(RequestIds.traceId("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")).isEmpty();
    assertThat(RequestIds.traceId("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        .isEmpty();
    assertThat(RequestIds.traceId("garbage")).isEmpty();
  }
}
