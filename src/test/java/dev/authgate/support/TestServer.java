package dev.authgate.support;

import dev.authgate.Authgate;
import dev.authgate.config.SettingsLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real service, started in this JVM on 127.0.0.1 and a free port with a temporary data
 * directory, for black-box tests that speak HTTP to it. Close it to stop it.
 */
public final class TestServer implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Authgate service;
  private final Path dataDir;

  private TestServer(Authgate service, Path dataDir) {
    this.service = service;
    this.dataDir = dataDir;
  }

  /**
   * Starts with the given variables on top of a loopback host, a free port and a fresh data dir.
   */
  public static TestServer start(Map<String, String> env) {
    return start(env, Clock.systemUTC());
  }

  public static TestServer start(Map<String, String> env, Clock clock) {
    try {
      Path dataDir = Files.createTempDirectory("authgate-test");
      Map<String, String> all = new HashMap<>();
      all.put("AUTH_HOST", "127.0.0.1");
      all.put("AUTH_PORT", "0");
      all.put("AUTH_DATA_DIR", dataDir.toString());
      all.put("AUTH_ISSUER", "http://authgate.test");
      all.putAll(env);
      return new TestServer(Authgate.start(SettingsLoader.load(all), clock), dataDir);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static TestServer start() {
    return start(Map.of());
  }

  public Authgate service() {
    return service;
  }

  public Path dataDir() {
    return dataDir;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + service.port() + path);
  }

  /** Sends a request built on {@link #uri}; the builder gets the URI already set. */
  public HttpResponse<String> send(
      String path, java.util.function.UnaryOperator<HttpRequest.Builder> request) {
    return send(uri(path), request);
  }

  /**
   * Sends a request to any address (a proxy in front, for example) without following redirects; the
   * builder gets the URI already set.
   */
  public static HttpResponse<String> send(
      URI uri, java.util.function.UnaryOperator<HttpRequest.Builder> request) {
    try {
      return HTTP.send(
          request.apply(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path) {
    return send(path, b -> b.GET());
  }

  /** GET /verify with {@code Authorization: Bearer token}. */
  public HttpResponse<String> verify(String token) {
    return send("/verify", b -> b.header("Authorization", "Bearer " + token).GET());
  }

  @Override
  public void close() {
    service.close();
    TempDirs.delete(dataDir);
  }
}
