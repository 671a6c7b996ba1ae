package dev.authgate.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become responses: every error is JSON {@code {"error", "message"}}
 * with its status, and nothing a client sends produces a stack trace or a 500.
 */
final class ErrorMapping {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);
  private static final long MAX_DISCARD_BYTES = 4L * 1024 * 1024;

  private ErrorMapping() {}

  static void register(RoutesConfig routes) {
    routes.exception(
        ApiError.class,
        (e, ctx) -> {
          e.headers().forEach(ctx::header);
          write(ctx, e.status(), e.error(), e.getMessage());
        });
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          if (e.getStatus() == 413) {
            discardBody(ctx);
          }
          write(ctx, e.getStatus(), code(e.getStatus()), e.getMessage());
        });
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
          write(ctx, 500, "internal_error", "the server failed to answer; the log says why");
        });
    routes.error(
        404,
        ctx -> {
          if (ctx.result() == null) {
            write(ctx, 404, "not_found", "no route for " + ctx.method() + " " + ctx.path());
          }
        });
    routes.error(
        405,
        ctx ->
            write(
                ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()));
  }

  static void write(Context ctx, int status, String error, String message) {
    ctx.status(status).contentType("application/json").result(JsonBodies.error(error, message));
  }

  /**
   * Reads and drops what is left of an oversized body, up to a bound. Closing a connection with
   * unread bytes in its receive buffer makes the kernel send a reset, which can destroy the 413
   * before the client reads it; draining keeps the answer deliverable. A body declared larger than
   * the bound is not worth reading: that connection is simply closed.
   */
  private static void discardBody(Context ctx) {
    if (ctx.req().getContentLengthLong() > MAX_DISCARD_BYTES) {
      return;
    }
    byte[] buffer = new byte[8192];
    long left = MAX_DISCARD_BYTES;
    try (InputStream in = ctx.req().getInputStream()) {
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
        left -= n;
      }
    } catch (IOException e) {
      log.debug("client went away while an oversized body was discarded: {}", e.getMessage());
    }
  }

  private static String code(int status) {
    HttpStatus s = HttpStatus.forStatus(status);
    return s == HttpStatus.UNKNOWN ? "error" : s.name().toLowerCase(Locale.ROOT);
  }
}
