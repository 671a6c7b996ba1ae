package dev.authgate.proxy;

import java.net.InetSocketAddress;

/** The gate behind a real Caddy running deploy/caddy/Caddyfile (forward_auth). */
class CaddyGateTest extends GateBehindProxyContract {
  @Override
  ProxyKind kind() {
    return ProxyKind.CADDY;
  }

  @Override
  Commands.Result checkShippedConfig(InetSocketAddress authgate, InetSocketAddress app) {
    return Caddy.check(authgate, app);
  }
}
