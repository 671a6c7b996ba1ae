package dev.authgate.account.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authgate.web.ApiError;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The body of a JSON request, read strictly: only {@code Content-Type: application/json} (a form or
 * text/plain body is what a cross-site page can send without asking, so it is refused with 415),
 * one object, no member twice, nested at most {@value #MAX_DEPTH} deep, and the fields read must be
 * strings. Every failure is a 4xx that says where.
 */
final class JsonRequest {
  static final int MAX_DEPTH = 8;
  static final int MAX_STRING = 16 * 1024;
  private static final ObjectMapper JSON =
      new ObjectMapper(
              JsonFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxStringLength(MAX_STRING)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final ObjectNode body;

  private JsonRequest(ObjectNode body) {
    this.body = body;
  }

  /** The request's JSON object, or a 415/400 that says what is wrong with it. */
  static JsonRequest of(Context ctx) {
    requireJson(ctx.contentType());
    return parse(ctx.bodyAsBytes());
  }

  static JsonRequest parse(byte[] bytes) {
    if (bytes.length == 0) {
      throw invalid("the body is empty: send a JSON object");
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (StreamConstraintsException e) {
      throw invalid(
          "the JSON is nested deeper than " + MAX_DEPTH + " levels or a string is too long");
    } catch (JsonProcessingException e) {
      throw invalid(describe(e));
    } catch (IOException e) {
      throw invalid("the body could not be read");
    }
    if (node == null || !node.isObject()) {
      throw invalid("the body must be a JSON object");
    }
    return new JsonRequest((ObjectNode) node);
  }

  static void requireJson(String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).trim();
    int semicolon = type.indexOf(';');
    String media = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
    String params = semicolon < 0 ? "" : type.substring(semicolon + 1).replace(" ", "");
    if (!media.equals("application/json")
        || !(params.isEmpty() || params.equals("charset=utf-8"))) {
      throw new ApiError(
          415,
          "unsupported_media_type",
          "send the body as Content-Type: application/json (UTF-8), not "
              + (contentType == null ? "no Content-Type" : "\"" + clip(contentType) + "\""));
    }
  }

  /** The string field, which must be present. */
  String required(String field) {
    return optional(field).orElseThrow(() -> invalid(field + " is required"));
  }

  /** The string field if present; null or any other type is refused. */
  Optional<String> optional(String field) {
    JsonNode value = body.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw invalid(field + " must be a string, not " + kind(value));
    }
    return Optional.of(value.asText());
  }

  private static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case NULL -> "null";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    if (message.startsWith("Duplicate field")) {
      return "the body repeats a field" + where + ": " + clip(message);
    }
    return "the body is not valid JSON" + where + ": " + clip(message);
  }

  private static String clip(String s) {
    String one = s.replaceAll("\\p{Cntrl}", " ");
    return one.length() > 120 ? one.substring(0, 120) + "..." : one;
  }

  static ApiError invalid(String message) {
    return new ApiError(400, "invalid_request", message);
  }
}
