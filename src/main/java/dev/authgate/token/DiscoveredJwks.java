package dev.authgate.token;

import com.auth0.jwk.Jwk;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The JWKS named by an OIDC discovery document ({@code .well-known/openid-configuration}). The
 * document must name the configured issuer, as OpenID Connect Discovery 1.0 section 4.3 requires;
 * once its {@code jwks_uri} is known, only the key set is fetched again.
 */
final class DiscoveredJwks implements JwksSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String discoveryUrl;
  private final String issuer;
  private final Duration timeout;
  private final HttpClient http;
  private volatile JwksEndpoint endpoint;

  DiscoveredJwks(String discoveryUrl, String issuer, Duration timeout) {
    this.discoveryUrl = discoveryUrl;
    this.issuer = issuer;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  @Override
  public List<Jwk> fetch() throws JwksUnavailable {
    JwksEndpoint known = endpoint;
    if (known == null) {
      known = new JwksEndpoint(discover(), timeout);
      endpoint = known;
    }
    return known.fetch();
  }

  @Override
  public String describe() {
    JwksEndpoint known = endpoint;
    return known == null ? discoveryUrl : known.describe() + " (from " + discoveryUrl + ")";
  }

  private String discover() throws JwksUnavailable {
    JsonNode doc = document();
    String named = doc.path("issuer").asText("");
    if (!issuer.equals(named)) {
      throw new JwksUnavailable(
          "%s names issuer \"%s\", not \"%s\"".formatted(discoveryUrl, named, issuer));
    }
    String jwksUri = doc.path("jwks_uri").asText("");
    if (!jwksUri.matches("(?i)https?://.+")) {
      throw new JwksUnavailable(discoveryUrl + " has no http(s) jwks_uri");
    }
    return jwksUri;
  }

  private JsonNode document() throws JwksUnavailable {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(discoveryUrl))
                  .timeout(timeout)
                  .header("Accept", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new JwksUnavailable(discoveryUrl + " answered " + r.statusCode());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new JwksUnavailable("fetching " + discoveryUrl + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JwksUnavailable("fetching " + discoveryUrl + " was interrupted");
    }
  }
}
