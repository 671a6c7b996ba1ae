package dev.authgate.web;

import java.util.Map;

/** An HTTP failure named after the response it produces; {@link ErrorMapping} writes it as JSON. */
public class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String error;
  private final transient Map<String, String> headers;

  public ApiError(int status, String error, String message) {
    this(status, error, message, Map.of());
  }

  public ApiError(int status, String error, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
    this.headers = Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
