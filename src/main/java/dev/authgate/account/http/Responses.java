package dev.authgate.account.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authgate.account.SignedIn;
import dev.authgate.store.StoredUser;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON bodies of the account endpoints. Nothing here is cached by a browser or proxy. */
final class Responses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Responses() {}

  static void send(Context ctx, int status, Object body) {
    try {
      ctx.status(status)
          .header("Cache-Control", "no-store")
          .contentType("application/json")
          .result(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a response body did not serialize", e);
    }
  }

  /** id, email, name, roles: what registration answers. */
  static Map<String, Object> registered(StoredUser user) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", user.id().toString());
    out.put("email", user.email());
    out.put("name", user.name().orElse(null));
    out.put("roles", user.roles());
    return out;
  }

  /** The user with permissions, as a signed-in user sees themselves. */
  static Map<String, Object> user(StoredUser user) {
    Map<String, Object> out = registered(user);
    out.put("permissions", user.permissions());
    return out;
  }

  /** The user with the state an administrator manages. */
  static Map<String, Object> managed(StoredUser user) {
    Map<String, Object> out = user(user);
    out.put("active", user.active());
    out.put("created_at", user.createdAt().toString());
    return out;
  }

  /** RFC 6749 section 5.1, with the user. */
  static Map<String, Object> tokens(SignedIn session, Clock clock) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("access_token", session.access().token());
    out.put("refresh_token", session.refresh().token());
    out.put("token_type", "Bearer");
    out.put(
        "expires_in",
        Math.max(0, Duration.between(clock.instant(), session.access().expiresAt()).toSeconds()));
    out.put("user", user(session.user()));
    return out;
  }
}
