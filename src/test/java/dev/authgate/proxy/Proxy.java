package dev.authgate.proxy;

import java.net.URI;

/**
 * A real reverse proxy started by a test, asking authgate about every request to the app behind it
 * with the configuration shipped under deploy/. Close it to stop it.
 */
public interface Proxy extends AutoCloseable {
  /** nginx or caddy, for messages. */
  String name();

  /** The loopback port the proxy listens on. */
  int port();

  /** The proxy's address for a path with an optional query, e.g. {@code /app/page?x=1}. */
  default URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  /** What the proxy logged so far, for failure messages. */
  String output();

  @Override
  void close();
}
