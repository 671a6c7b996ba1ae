package dev.authgate.token;

import com.auth0.jwk.Jwk;
import com.auth0.jwk.SigningKeyNotFoundException;
import com.auth0.jwk.UrlJwkProvider;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;

/**
 * A JWKS URL, fetched with jwks-rsa's {@link UrlJwkProvider} and explicit connect and read
 * timeouts: without them a provider that accepts the connection and never answers would hold the
 * fetching thread for ever.
 */
final class JwksEndpoint implements JwksSource {
  private final String url;
  private final UrlJwkProvider provider;

  JwksEndpoint(String url, Duration timeout) {
    this.url = url;
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    this.provider = new UrlJwkProvider(toUrl(url), millis, millis);
  }

  @Override
  public List<Jwk> fetch() throws JwksUnavailable {
    try {
      return provider.getAll();
    } catch (SigningKeyNotFoundException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new JwksUnavailable("fetching " + url + " failed: " + cause);
    } catch (RuntimeException e) {
      throw new JwksUnavailable(url + " is not a JSON Web Key Set: " + e.getMessage());
    }
  }

  @Override
  public String describe() {
    return url;
  }

  private static URL toUrl(String url) {
    try {
      return URI.create(url).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(url + " is not a URL", e);
    }
  }
}
