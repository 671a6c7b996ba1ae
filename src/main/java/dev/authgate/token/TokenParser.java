package dev.authgate.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Splits and decodes a compact JWS strictly: three base64url segments, a header and a payload that
 * are JSON objects with no duplicate member (a duplicate claim is how two parsers are made to
 * disagree about a token), and NumericDate claims that are numbers. It reports bad input with
 * nothing but {@link MalformedToken}, which says what is wrong.
 */
final class TokenParser {
  static final int MAX_TOKEN_CHARS = 16 * 1024;

  /**
   * NumericDates outside the years 1 to 9999 are refused here: they mean nothing, and time
   * arithmetic on them overflows.
   */
  private static final long MIN_SECONDS = -62135596800L;

  private static final long MAX_SECONDS = 253402300799L;

  private final ObjectMapper json;

  TokenParser() {
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
            .build();
    this.json = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** The parsed token; <b>nothing in it is verified</b>. */
  ParsedToken parse(String token) throws MalformedToken {
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new MalformedToken("longer than " + MAX_TOKEN_CHARS + " characters");
    }
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (second < 0 || token.indexOf('.', second + 1) >= 0) {
      throw new MalformedToken("a JWT has three dot-separated parts");
    }
    if (!isBase64Url(token, 0, first)
        || !isBase64Url(token, first + 1, second)
        || !isBase64Url(token, second + 1, token.length())) {
      throw new MalformedToken("a part is not base64url");
    }
    ObjectNode header = object(token.substring(0, first), "header");
    ObjectNode payload = object(token.substring(first + 1, second), "payload");
    ParsedToken parsed = new ParsedToken(token, header, payload);
    checkMembers(parsed);
    return parsed;
  }

  private ObjectNode object(String segment, String what) throws MalformedToken {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(segment);
    } catch (IllegalArgumentException e) {
      throw new MalformedToken("the " + what + " is not base64url");
    }
    try {
      JsonNode node = json.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new MalformedToken("the " + what + " is not a JSON object");
      }
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      if (message != null && message.startsWith("Duplicate field")) {
        throw new MalformedToken("the " + what + " repeats a member");
      }
      throw new MalformedToken("the " + what + " is not valid JSON");
    } catch (IOException e) {
      throw new MalformedToken("the " + what + " is not valid JSON");
    }
  }

  private static void checkMembers(ParsedToken parsed) throws MalformedToken {
    for (String name : new String[] {"exp", "nbf", "iat"}) {
      JsonNode n = parsed.payload().get(name);
      if (n != null && !n.isNumber()) {
        throw new MalformedToken("the " + name + " claim is not a number");
      }
      if (n != null && !(n.canConvertToLong() && inDateRange(n.asLong()))) {
        throw new MalformedToken("the " + name + " claim is out of range");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = parsed.header().fields(); it.hasNext(); ) {
      if (it.next().getKey().isEmpty()) {
        throw new MalformedToken("the header has an empty member name");
      }
    }
  }

  private static boolean inDateRange(long seconds) {
    return seconds >= MIN_SECONDS && seconds <= MAX_SECONDS;
  }

  private static boolean isBase64Url(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
