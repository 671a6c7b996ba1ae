package dev.authgate.proxy;

import java.net.InetSocketAddress;
import java.util.function.BiFunction;

/** The proxies the tests run, for tests that do the same through each one. */
public enum ProxyKind {
  NGINX(Nginx::start),
  CADDY(Caddy::start);

  private final BiFunction<InetSocketAddress, InetSocketAddress, Proxy> starter;

  ProxyKind(BiFunction<InetSocketAddress, InetSocketAddress, Proxy> starter) {
    this.starter = starter;
  }

  /**
   * Starts this proxy on a free loopback port in front of {@code app}, asking authgate at {@code
   * authgate}.
   */
  public Proxy start(InetSocketAddress authgate, InetSocketAddress app) {
    return starter.apply(authgate, app);
  }
}
