package dev.authgate.token;

/** Told of every fetch of a remote key set, for the metrics. */
public interface JwksFetches {
  JwksFetches NONE = (issuer, succeeded) -> {};

  /**
   * @param issuer the configured issuer the key set belongs to
   */
  void jwksFetch(String issuer, boolean succeeded);
}
