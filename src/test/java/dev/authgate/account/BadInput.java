package dev.authgate.account;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** A request body that /auth/register must refuse with a clear 4xx, storing nothing. */
record BadInput(String name, Optional<String> contentType, byte[] body, int status, String saying) {
  private static final String JSON = "application/json";

  static BadInput json(String name, String body, int status, String saying) {
    return new BadInput(name, Optional.of(JSON), bytes(body), status, saying);
  }

  static List<BadInput> cases() {
    String valid = "{\"email\":\"bad-input@example.com\",\"password\":\"password1\"}";
    return List.of(
        new BadInput(
            "JSON sent as text/plain",
            Optional.of("text/plain"),
            bytes(valid),
            415,
            "application/json"),
        new BadInput(
            "JSON sent as a form",
            Optional.of("application/x-www-form-urlencoded"),
            bytes(valid),
            415,
            "application/json"),
        new BadInput("no Content-Type", Optional.empty(), bytes(valid), 415, "application/json"),
        new BadInput(
            "JSON in another charset",
            Optional.of("application/json; charset=utf-16"),
            bytes(valid),
            415,
            "application/json"),
        json("empty body", "", 400, "empty"),
        json("truncated JSON", "{\"email\":", 400, "not valid JSON"),
        json("trailing content", valid + " {}", 400, "not valid JSON"),
        json("an array", "[" + valid + "]", 400, "must be a JSON object"),
        json(
            "deeply nested",
            "{\"email\":" + "[".repeat(200) + "]".repeat(200) + "}",
            400,
            "nested deeper"),
        json(
            "duplicate keys",
            "{\"email\":\"a@example.com\",\"email\":\"b@example.com\",\"password\":\"password1\"}",
            400,
            "repeats a field"),
        json(
            "null password",
            "{\"email\":\"bad-input@example.com\",\"password\":null}",
            400,
            "password must be a string, not null"),
        json(
            "numeric password",
            "{\"email\":\"bad-input@example.com\",\"password\":12345678}",
            400,
            "password must be a string, not a number"),
        json(
            "object email",
            "{\"email\":{\"$ne\":\"\"},\"password\":\"password1\"}",
            400,
            "email must be a string, not an object"),
        json("missing email", "{\"password\":\"password1\"}", 400, "email is required"),
        json(
            "SQL in the email",
            "{\"email\":\"x' OR '1'='1@example.com\",\"password\":\"password1\"}",
            400,
            "email contains a space"),
        json(
            "statement in the email",
            "{\"email\":\"a@example.com;DROP TABLE users;--\",\"password\":\"password1\"}",
            400,
            "email contains a space"),
        json(
            "comment in the email",
            "{\"email\":\"admin@example.com'--\",\"password\":\"password1\"}",
            400,
            "not an address"),
        json(
            "NUL in the email",
            "{\"email\":\"a\\u0000b@example.com\",\"password\":\"password1\"}",
            400,
            "control character"),
        json(
            "newline in the email",
            "{\"email\":\"a@example.com\\nBcc: x@example.com\",\"password\":\"password1\"}",
            400,
            "control character"),
        json(
            "Cyrillic look-alike",
            "{\"email\":\"\u0430dmin@example.com\",\"password\":\"password1\"}",
            400,
            "plain ASCII"),
        json(
            "full-width look-alike",
            "{\"email\":\"\uff41dmin@example.com\",\"password\":\"password1\"}",
            400,
            "plain ASCII"),
        json(
            "over-long email",
            "{\"email\":\"" + "a".repeat(300) + "@example.com\",\"password\":\"password1\"}",
            400,
            "longer than 254"),
        json(
            "control character in the name",
            "{\"email\":\"bad-input@example.com\",\"password\":\"password1\",\"name\":\"a\\u0007\"}",
            400,
            "name contains a control character"),
        json(
            "huge body",
            "{\"email\":\"bad-input@example.com\",\"password\":\"" + "x".repeat(100_000) + "\"}",
            413,
            ""));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return name;
  }
}
