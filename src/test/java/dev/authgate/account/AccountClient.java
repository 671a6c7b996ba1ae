package dev.authgate.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authgate.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Speaks the account endpoints' JSON to a running server. */
final class AccountClient {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "correct horse";

  private final TestServer server;

  AccountClient(TestServer server) {
    this.server = server;
  }

  HttpResponse<String> post(String path, String json) {
    return server.send(
        path,
        b ->
            b.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> post(String path, String json, String bearer) {
    return server.send(
        path,
        b ->
            b.header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> register(String email, String password) {
    return post("/auth/register", object("email", email, "password", password));
  }

  HttpResponse<String> login(String email, String password) {
    return post("/auth/login", object("email", email, "password", password));
  }

  HttpResponse<String> refresh(String refreshToken) {
    return post("/auth/refresh", object("refresh_token", refreshToken));
  }

  HttpResponse<String> get(String path, String bearer) {
    return server.send(path, b -> b.header("Authorization", "Bearer " + bearer).GET());
  }

  HttpResponse<String> send(String method, String path, String bearer) {
    return server.send(
        path,
        b ->
            b.header("Authorization", "Bearer " + bearer)
                .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  /** Registers and signs in; the login answer's JSON. */
  JsonNode signUp(String email) {
    HttpResponse<String> r = register(email, PASSWORD);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("register " + email + ": " + r.statusCode() + " " + r.body());
    }
    return signIn(email);
  }

  JsonNode signIn(String email) {
    return signIn(email, PASSWORD);
  }

  JsonNode signIn(String email, String password) {
    HttpResponse<String> r = login(email, password);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login " + email + ": " + r.statusCode() + " " + r.body());
    }
    return json(r);
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(r.statusCode() + " " + r.body(), e);
    }
  }

  /** A JSON object of string pairs: name, value, name, value... */
  static String object(String... pairs) {
    ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      node.put(pairs[i], pairs[i + 1]);
    }
    return node.toString();
  }
}
