package dev.authgate.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The application behind the proxy: a JDK HTTP server on 127.0.0.1 that records every request it
 * receives and answers 200 with a page naming the identity headers it saw. Close it to stop it.
 */
public final class Upstream implements AutoCloseable {
  private static final List<String> IDENTITY =
      List.of("X-User-Id", "X-User-Email", "X-User-Roles", "X-User-Permissions");

  private final HttpServer server;
  private final ExecutorService threads;
  private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();

  private Upstream(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Starts on a free loopback port. */
  public static Upstream start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService threads = Executors.newFixedThreadPool(4);
      Upstream upstream = new Upstream(server, threads);
      server.createContext("/", upstream::answer);
      server.setExecutor(threads);
      server.start();
      return upstream;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Every request received so far, oldest first. */
  public List<RecordedRequest> requests() {
    return List.copyOf(received);
  }

  /** The only request received since the last {@link #clear}; fails when there was not one. */
  public RecordedRequest single() {
    List<RecordedRequest> all = requests();
    if (all.size() != 1) {
      throw new AssertionError("expected exactly one request upstream, got " + all);
    }
    return all.get(0);
  }

  public void clear() {
    received.clear();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      RecordedRequest request =
          new RecordedRequest(
              exchange.getRequestMethod(),
              exchange.getRequestURI().toString(),
              exchange.getRequestHeaders(),
              new String(in.readAllBytes(), StandardCharsets.UTF_8));
      received.add(request);
      byte[] page = page(request).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page);
      }
    }
  }

  private static String page(RecordedRequest request) {
    StringBuilder page =
        new StringBuilder("upstream: ")
            .append(request.method())
            .append(' ')
            .append(request.uri())
            .append('\n');
    for (String name : IDENTITY) {
      request.header(name).ifPresent(v -> page.append(name).append(": ").append(v).append('\n'));
    }
    return page.toString();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
