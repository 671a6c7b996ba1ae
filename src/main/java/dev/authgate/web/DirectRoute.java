package dev.authgate.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/** An endpoint that {@link DirectRoutes} answers on Jetty's own handler, without Javalin. */
interface DirectRoute {
  /** The path it answers; a trailing slash is ignored, as for Javalin's routes. */
  String path();

  /** The methods it answers; any other gets 405. */
  List<String> methods();

  /** Sets the status and headers of the answer, and says what body to write and what to log. */
  Answered answer(Request request, Response response);

  /**
   * The same, when the answer is ready without waiting for anything (memory only); null, with the
   * response untouched, when it is not. It runs on the thread that reads the connection.
   */
  default Answered answerWithoutWaiting(Request request, Response response) {
    return answer(request, response);
  }

  /**
   * @param body what to write after the headers; empty for none
   * @param reason the reason code of a refusal, for the metrics and the log; null otherwise
   * @param user the user an access rule refused, for the security log; null otherwise
   */
  record Answered(ByteBuffer body, String reason, String user) {
    static final Answered EMPTY =
        new Answered(ByteBuffer.allocate(0).asReadOnlyBuffer(), null, null);

    /** The JSON body of a 500, for a route that failed unexpectedly; the log says why. */
    static Answered failure() {
      return json("internal_error", "the server failed to answer; the log says why");
    }

    /** A JSON error body ({@link JsonBodies#error}). */
    static Answered json(String error, String message) {
      byte[] body = JsonBodies.error(error, message).getBytes(StandardCharsets.UTF_8);
      return new Answered(ByteBuffer.wrap(body), null, null);
    }
  }
}
