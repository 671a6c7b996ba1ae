package dev.authgate.gate;

import dev.authgate.token.Reason;
import dev.authgate.token.Rejection;
import dev.authgate.token.Verification;

/**
 * API keys of service principals, as this instance holds them in memory: /verify checks a key
 * without a query. The account package implements it and keeps it fresh.
 */
public interface ApiKeyCheck {
  /** No API keys: an instance without a store. */
  ApiKeyCheck NONE =
      key ->
          new Verification.Refused(
              new Rejection(Reason.UNKNOWN_API_KEY, "API keys are not accepted here"));

  /** The principal behind the key, or why it is refused. */
  Verification check(String key);
}
