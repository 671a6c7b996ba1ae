package dev.authgate.web;

import dev.authgate.gate.VerifyRequest;
import java.util.List;
import org.eclipse.jetty.server.Request;

/** A /verify request as Jetty received it. */
record JettyVerifyRequest(Request request) implements VerifyRequest {
  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String scheme() {
    return request.getHttpURI().getScheme();
  }

  @Override
  public String remoteAddress() {
    return Request.getRemoteAddr(request);
  }

  @Override
  public String header(String name) {
    return request.getHeaders().get(name);
  }

  @Override
  public List<String> headers(String name) {
    return request.getHeaders().getValuesList(name);
  }
}
