package dev.authgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

/** The gate behind a real Nginx running deploy/nginx/authgate.conf (auth_request). */
class NginxGateTest extends GateBehindProxyContract {
  @Override
  ProxyKind kind() {
    return ProxyKind.NGINX;
  }

  @Override
  Commands.Result checkShippedConfig(InetSocketAddress authgate, InetSocketAddress app) {
    return Nginx.check(authgate, app);
  }

  @Override
  void assertVerifierAlsoHeard(RecordedRequest asked, Proxy recording, String target) {
    assertThat(asked.header("X-Original-URL"))
        .hasValue("http://127.0.0.1:" + recording.port() + target);
    assertThat(asked.header("X-Original-URI")).hasValue(target);
    assertThat(asked.header("X-Original-Method")).hasValue("POST");
  }
}
