package dev.authgate.token;

import com.auth0.jwk.Jwk;
import java.util.List;

/** A key set source that reports each fetch and whether it succeeded. */
final class CountedJwksSource implements JwksSource {
  private final JwksSource source;
  private final String issuer;
  private final JwksFetches fetches;

  CountedJwksSource(JwksSource source, String issuer, JwksFetches fetches) {
    this.source = source;
    this.issuer = issuer;
    this.fetches = fetches;
  }

  @Override
  public List<Jwk> fetch() throws JwksUnavailable {
    boolean succeeded = false;
    try {
      List<Jwk> keys = source.fetch();
      succeeded = true;
      return keys;
    } finally {
      fetches.jwksFetch(issuer, succeeded);
    }
  }

  @Override
  public String describe() {
    return source.describe();
  }
}
