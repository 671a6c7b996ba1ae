package dev.authgate.observe;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** The request id and the W3C trace id that a request carries, checked before they are logged. */
public final class RequestIds {
  public static final String REQUEST_ID = "X-Request-Id";
  public static final String TRACEPARENT = "traceparent";

  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Pattern TRACEPARENT_FORMAT =
      Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?");
  private static final String ZERO_TRACE = "0".repeat(32);

  private RequestIds() {}

  /**
   * The client's X-Request-Id when it is a plain token, otherwise a new random one. The new one
   * correlates log lines and guards nothing, so it comes from the thread's own generator: {@code
   * UUID.randomUUID()} would take SecureRandom's lock on every request that arrives without one.
   */
  public static String requestId(String header) {
    if (header != null && SAFE_ID.matcher(header).matches()) {
      return header;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  /** The trace id of a valid W3C traceparent header (version 00 layout), if there is one. */
  public static Optional<String> traceId(String traceparent) {
    if (traceparent == null) {
      return Optional.empty();
    }
    var m = TRACEPARENT_FORMAT.matcher(traceparent.trim());
    if (!m.matches() || m.group(1).equals(ZERO_TRACE) || traceparent.startsWith("ff")) {
      return Optional.empty();
    }
    return Optional.of(m.group(1));
  }
}
