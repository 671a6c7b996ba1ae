package dev.authgate.web;

import dev.authgate.gate.VerifyHandler;
import dev.authgate.keys.KeyRing;
import io.javalin.Javalin;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * The HTTP server, assembled from ready-made route modules in one place. Main builds it from the
 * configured object graph; black-box tests build it the same way and talk to it over HTTP.
 */
public final class App {
  /** Headers larger than this are refused with 431; the largest token accepted is 16 KiB. */
  static final int MAX_HEADER_BYTES = 128 * 1024;

  /** Request bodies larger than this are refused with 413; no endpoint takes more. */
  static final long MAX_BODY_BYTES = 64 * 1024;

  private final Javalin javalin;
  private final List<Route> routes = new CopyOnWriteArrayList<>();

  /** One registered endpoint, as the OpenAPI document must describe it. */
  public record Route(String method, String path) {}

  /**
   * @param verify what answers /verify
   * @param keys the key ring in force, for the JWKS
   * @param modules everything else, as Javalin routes
   * @param requests what logs and counts every request, whichever layer answers it
   */
  public App(
      VerifyHandler verify,
      Supplier<KeyRing> keys,
      List<RouteModule> modules,
      RequestLog requests) {
    int cores = Runtime.getRuntime().availableProcessors();
    ThreadPool pool = ServerThreads.pool(cores);
    QueuedThreadPool below = ServerThreads.belowVerify(cores);
    VerifyEndpoint verifyEndpoint = new VerifyEndpoint(verify);
    DirectRoutes directRoutes =
        new DirectRoutes(List.of(verifyEndpoint, new JwksRoute(keys)), requests, pool, below);
    routes.addAll(directRoutes.registered());
    this.javalin =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jetty.threadPool = pool;
              // Every connection opens as a VerifyConnection, which answers a proxy's plain
              // /verify requests itself and hands anything else to Jetty's own connection.
              config.jetty.addConnector(
                  (server, http) -> {
                    ServerConnector connector =
                        new ServerConnector(
                            server,
                            new VerifyConnectionFactory(
                                new HttpConnectionFactory(http), verifyEndpoint, requests, pool));
                    // Read when the server starts, after start(host, port) has set them.
                    connector.setHost(config.jetty.host);
                    connector.setPort(config.jetty.port);
                    return connector;
                  });
              config.http.prefer405over404 = true;
              config.http.maxRequestSize = MAX_BODY_BYTES;
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setRequestHeaderSize(MAX_HEADER_BYTES);
                    http.setSendServerVersion(false);
                    http.setSendXPoweredBy(false);
                    // Jetty keeps a per-connection trie of recent header lines. Every new token
                    // (different users behind one proxy connection, or a token refreshed) went
                    // into it and soon cleared it: a fifth of the CPU of /verify in a profile.
                    http.setHeaderCacheSize(0);
                  });
              config.jetty.modifyServer(
                  server -> {
                    server.setErrorHandler(new JettyErrors());
                    // Started and stopped with the server.
                    server.addBean(below);
                    // Javalin puts its own handler inside the one it finds here.
                    server.setHandler(directRoutes);
                  });
              config.events.handlerAdded(
                  h -> {
                    if (h.getHttpMethod().isHttpMethod()) {
                      routes.add(new Route(h.getHttpMethod().name(), h.getPath()));
                    }
                  });
              ErrorMapping.register(config.routes);
              new RequestObserver(requests).register(config.routes);
              modules.forEach(m -> m.register(config.routes));
            });
  }

  /** Starts listening; port 0 picks a free port, which {@link #port()} then tells. */
  public App start(String host, int port) {
    javalin.start(host, port);
    return this;
  }

  public int port() {
    return javalin.port();
  }

  /** Every endpoint registered, in registration order. */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  public void stop() {
    javalin.stop();
  }
}
