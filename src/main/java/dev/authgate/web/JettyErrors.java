package dev.authgate.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers before Javalin sees the request (headers too large, a request line that
 * does not parse) in the same JSON shape as every other error, never an HTML page or a stack.
 */
final class JettyErrors extends ErrorHandler {

  JettyErrors() {
    setShowStacks(false);
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, body(code, message), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return body(status, reason);
  }

  private static ByteBuffer body(int code, String message) {
    String error =
        switch (code) {
          case 431 -> "request_header_fields_too_large";
          case 413 -> "content_too_large";
          case 414 -> "uri_too_long";
          case 400 -> "bad_request";
          default -> "error";
        };
    String text = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
    return ByteBuffer.wrap(JsonBodies.error(error, text).getBytes(StandardCharsets.UTF_8));
  }
}
