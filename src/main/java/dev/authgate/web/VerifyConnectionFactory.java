package dev.authgate.web;

import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;

/** Opens every HTTP/1.1 connection as a {@link VerifyConnection}, ready to become Jetty's. */
final class VerifyConnectionFactory extends AbstractConnectionFactory {
  private final HttpConnectionFactory jetty;
  private final VerifyEndpoint verify;
  private final RequestLog requests;
  private final Executor pool;

  VerifyConnectionFactory(
      HttpConnectionFactory jetty, VerifyEndpoint verify, RequestLog requests, Executor pool) {
    super(HttpVersion.HTTP_1_1.asString());
    this.jetty = jetty;
    this.verify = verify;
    this.requests = requests;
    this.pool = pool;
    // Started and stopped with this one; the connector knows only this one, under the same name.
    addBean(jetty);
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    return configure(
        new VerifyConnection(
            connector, endPoint, jetty, jetty.getInputBufferSize(), verify, requests, pool),
        connector,
        endPoint);
  }
}
