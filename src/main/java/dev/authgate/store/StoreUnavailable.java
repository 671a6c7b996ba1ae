package dev.authgate.store;

import dev.authgate.web.ApiError;
import java.util.Map;

/**
 * The database did not answer: no connection within the pool's timeout, or the connection broke.
 * Answered as 503 {@code store_unavailable}; the next request tries again, so nothing needs a
 * restart when the database is back.
 */
public final class StoreUnavailable extends ApiError {
  private static final long serialVersionUID = 1L;

  StoreUnavailable() {
    super(
        503,
        "store_unavailable",
        "the account store is unavailable; try again shortly",
        Map.of("Retry-After", "5"));
  }
}
