package dev.authgate.web;

import dev.authgate.gate.SignInRedirect;
import dev.authgate.gate.VerifyAnswer;
import dev.authgate.gate.VerifyHandler;
import dev.authgate.gate.VerifyRequest;
import dev.authgate.token.Identity;
import dev.authgate.token.Reason;
import dev.authgate.token.Rejection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * /verify, under every method a proxy may forward (the method of the original request varies): 200
 * with the identity headers, 403 when a rule refuses a known caller, or 401 with an RFC 6750 {@code
 * WWW-Authenticate} header and a JSON body that say why (302 to the login page for a browser's page
 * navigation). No answer may be cached: it is about one caller at one moment.
 */
final class VerifyEndpoint implements DirectRoute {
  private static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final PreEncodedHttpField NO_STORE =
      new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");
  private static final String NGINX_REDIRECT = "X-Auth-Redirect";

  private final VerifyHandler handler;
  private volatile EncodedRefusal lastRefusal;

  VerifyEndpoint(VerifyHandler handler) {
    this.handler = handler;
  }

  @Override
  public String path() {
    return RequestLog.VERIFY;
  }

  @Override
  public List<String> methods() {
    return METHODS;
  }

  @Override
  public Answered answer(Request request, Response response) {
    return write(handler.answer(new JettyVerifyRequest(request)), response);
  }

  @Override
  public Answered answerWithoutWaiting(Request request, Response response) {
    VerifyAnswer answer = handler.answerFromMemory(new JettyVerifyRequest(request));
    return answer == null ? null : write(answer, response);
  }

  /** The answer, which may wait for a remote key set. */
  VerifyAnswer decide(VerifyRequest request) {
    return handler.answer(request);
  }

  /** The answer when it is ready in memory, or null. */
  VerifyAnswer decideFromMemory(VerifyRequest request) {
    return handler.answerFromMemory(request);
  }

  private Answered write(VerifyAnswer answer, Response response) {
    response.setStatus(answer.status());
    return write(answer, response.getHeaders());
  }

  /** Puts the answer's headers; its status is {@link VerifyAnswer#status()}. */
  Answered write(VerifyAnswer answer, HttpFields.Mutable headers) {
    headers.put(NO_STORE);
    if (answer instanceof VerifyAnswer.Allowed a) {
      identityHeaders(headers, a.identity());
      return Answered.EMPTY;
    }
    if (answer instanceof VerifyAnswer.Forbidden f) {
      headers.put(JsonBodies.CONTENT_TYPE);
      return new Answered(json(JsonBodies.error("forbidden", f.why())), f.reason(), f.userId());
    }
    VerifyAnswer.Refused refused = (VerifyAnswer.Refused) answer;
    SignInRedirect.Redirect signIn = refused.signIn();
    if (signIn != null && !signIn.viaHeader()) {
      headers.put(HttpHeader.LOCATION, signIn.location());
      return new Answered(Answered.EMPTY.body(), refused.reason(), null);
    }
    if (signIn != null) {
      headers.put(NGINX_REDIRECT, signIn.location());
    }
    EncodedRefusal encoded = encoded(refused.rejection());
    headers.put(JsonBodies.CONTENT_TYPE);
    headers.put(encoded.challenge());
    return new Answered(ByteBuffer.wrap(encoded.body()), refused.reason(), null);
  }

  /**
   * The challenge and body of a refusal. The last one is kept: a client that repeats a refused
   * token gets the same refusal object from the decision cache, and is answered without building
   * the header and the JSON again, so refusing costs no more than accepting.
   */
  private EncodedRefusal encoded(Rejection rejection) {
    EncodedRefusal last = lastRefusal;
    if (last != null && last.rejection() == rejection) {
      return last;
    }
    EncodedRefusal fresh = EncodedRefusal.of(rejection);
    lastRefusal = fresh;
    return fresh;
  }

  private record EncodedRefusal(Rejection rejection, HttpField challenge, byte[] body) {
    static EncodedRefusal of(Rejection rejection) {
      String description = rejection.description();
      if (rejection.reason() == Reason.NO_CREDENTIAL) {
        return new EncodedRefusal(
            rejection,
            new PreEncodedHttpField(HttpHeader.WWW_AUTHENTICATE, "Bearer"),
            utf8(JsonBodies.error("unauthorized", description)));
      }
      return new EncodedRefusal(
          rejection,
          new PreEncodedHttpField(
              HttpHeader.WWW_AUTHENTICATE,
              "Bearer error=\"invalid_token\", error_description=\"" + description + "\""),
          utf8(JsonBodies.error("invalid_token", description, rejection.reason().code())));
    }
  }

  /** The identity headers, when the caller is known (a public path needs none). */
  private static void identityHeaders(HttpFields.Mutable headers, Identity identity) {
    if (identity == null) {
      return;
    }
    headers.put(VerifyHandler.USER_ID, identity.userId());
    identity.email().ifPresent(email -> headers.put(VerifyHandler.USER_EMAIL, email));
    identity.name().ifPresent(name -> headers.put(VerifyHandler.USER_NAME, name));
    if (!identity.rolesHeader().isEmpty()) {
      headers.put(VerifyHandler.USER_ROLES, identity.rolesHeader());
    }
    if (!identity.permissionsHeader().isEmpty()) {
      headers.put(VerifyHandler.USER_PERMISSIONS, identity.permissionsHeader());
    }
  }

  private static ByteBuffer json(String body) {
    return ByteBuffer.wrap(utf8(body));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
