package dev.authgate.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** JSON objects for forged token headers and payloads. */
public final class Claims {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Claims() {}

  /** {@code {"alg":"RS256","typ":"JWT","kid":kid}}. */
  public static ObjectNode header(String kid) {
    return JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", kid);
  }

  /**
   * The claims of a good access token from {@code issuer} for user-1, issued at {@code now} and
   * valid for five minutes.
   */
  public static ObjectNode access(String issuer, Instant now) {
    ObjectNode c = JSON.createObjectNode();
    c.put("iss", issuer)
        .put("sub", "user-1")
        .put("email", "a@example.com")
        .put("iat", now.getEpochSecond())
        .put("exp", now.plusSeconds(300).getEpochSecond())
        .put("type", "access");
    c.putArray("roles").add("admin").add("dev");
    c.putArray("permissions").add("docs:read");
    return c;
  }
}
