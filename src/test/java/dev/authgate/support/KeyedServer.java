package dev.authgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The real service with AUTH_KEYS_DIR holding the test key {@code a.pkcs8.pem}, so a test can sign
 * any token, well-formed or forged, with the very key the service trusts.
 */
public final class KeyedServer implements AutoCloseable {
  public static final String KEY = "a.pkcs8.pem";

  private final Path keys;
  private final TestServer server;

  private KeyedServer(Path keys, TestServer server) {
    this.keys = keys;
    this.server = server;
  }

  /** Starts with the given variables on top of AUTH_KEYS_DIR (see {@link TestServer#start}). */
  public static KeyedServer start(Map<String, String> env, Clock clock) {
    Path keys;
    try {
      keys = TestKeys.copy(Files.createTempDirectory("keyed-server"), KEY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> all = new HashMap<>(env);
    all.put("AUTH_KEYS_DIR", keys.toString());
    return new KeyedServer(keys, TestServer.start(all, clock));
  }

  public static KeyedServer start(Map<String, String> env) {
    return start(env, Clock.systemUTC());
  }

  /** The kid of the key, as the service publishes it. */
  public static String kid() {
    return TestKeys.read(KEY).kid();
  }

  /** A token signed with RS256 by the key, whatever the header says. */
  public static String sign(String headerJson, String payloadJson) {
    return Jws.rs256(headerJson, payloadJson, TestKeys.privateKey(KEY));
  }

  public TestServer server() {
    return server;
  }

  public HttpResponse<String> verify(String token) {
    return server.verify(token);
  }

  public HttpResponse<String> send(String path, UnaryOperator<HttpRequest.Builder> request) {
    return server.send(path, request);
  }

  @Override
  public void close() {
    server.close();
    TempDirs.delete(keys);
  }
}
