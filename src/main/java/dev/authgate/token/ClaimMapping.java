package dev.authgate.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the claims of a verified token into an {@link Identity}. The standard mapping reads {@code
 * sub}, {@code email}, and the {@code roles} and {@code permissions} arrays that authgate itself
 * issues.
 */
public interface ClaimMapping {

  /** The identity in the claims; the caller has checked that {@code sub} is present. */
  Identity identity(ParsedToken token);

  /** The mapping of authgate's own tokens. */
  ClaimMapping STANDARD =
      token ->
          new Identity(
              token.claimText("sub").orElseThrow(),
              token.claimText("email"),
              strings(token.payload().get("roles")),
              strings(token.payload().get("permissions")));

  /** The strings of a JSON array, or of a space-separated string; anything else is no strings. */
  static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        if (item.isTextual() && !item.asText().isBlank()) {
          out.add(item.asText());
        }
      }
    } else if (node.isTextual()) {
      for (String part : node.asText().trim().split("\\s+")) {
        if (!part.isEmpty()) {
          out.add(part);
        }
      }
    }
    return out;
  }

  static Optional<String> text(JsonNode node) {
    return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }
}
