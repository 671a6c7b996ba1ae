package dev.authgate.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * A compact JWS split and decoded, <b>not verified</b>: nothing read from it may be trusted until
 * the signature has been checked.
 */
public record ParsedToken(String raw, ObjectNode header, ObjectNode payload) {

  public Optional<String> headerText(String name) {
    return text(header.get(name));
  }

  public Optional<String> claimText(String name) {
    return text(payload.get(name));
  }

  /** A NumericDate claim; a claim present but not a number is reported as malformed elsewhere. */
  public Optional<Instant> claimTime(String name) {
    JsonNode n = payload.get(name);
    return n != null && n.isNumber()
        ? Optional.of(Instant.ofEpochSecond(n.asLong()))
        : Optional.empty();
  }

  private static Optional<String> text(JsonNode n) {
    return n != null && n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
  }
}
