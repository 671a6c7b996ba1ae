package dev.authgate.token;

import dev.authgate.config.ConfigException;
import dev.authgate.config.Settings;
import dev.authgate.keys.KeyRing;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds the list of issuers the gate trusts from the settings: authgate's own tokens, the provider
 * of AUTH_JWKS_URI, the HS256 issuer of AUTH_JWT_SECRET, and every issuer of AUTH_ISSUERS_FILE. An
 * issuer named twice stops start-up: each issuer has exactly one source of keys, so nothing
 * silently wins.
 */
public final class Trust {
  private Trust() {}

  public static List<TrustedIssuer> issuers(Settings settings, Supplier<KeyRing> keys) {
    return issuers(settings, keys, Clock.systemUTC());
  }

  /**
   * The trusted issuers; the key sets of external ones start to be fetched now, without waiting.
   *
   * @throws ConfigException when an issuer is configured twice or the issuers file is invalid
   */
  public static List<TrustedIssuer> issuers(
      Settings settings, Supplier<KeyRing> keys, Clock clock) {
    return issuers(settings, keys, clock, JwksFetches.NONE);
  }

  /**
   * The trusted issuers, reporting every fetch of a remote key set to {@code fetches}.
   *
   * @throws ConfigException when an issuer is configured twice or the issuers file is invalid
   */
  public static List<TrustedIssuer> issuers(
      Settings settings, Supplier<KeyRing> keys, Clock clock, JwksFetches fetches) {
    Settings.External external = settings.external();
    Map<String, String> origins = new HashMap<>();
    List<TrustedIssuer> out = new ArrayList<>();
    add(
        out,
        origins,
        "AUTH_ISSUER",
        new TrustedIssuer(
            settings.tokens().issuer(),
            Set.of("RS256"),
            new LocalKeys(keys),
            settings.tokens().audience(),
            ClaimMapping.STANDARD,
            true));
    if (external.jwksUri().isPresent()) {
      String iss = external.issuer().orElseThrow();
      add(
          out,
          origins,
          "AUTH_JWT_ISSUER",
          remote(
              iss,
              new JwksEndpoint(external.jwksUri().get(), external.jwksTimeout()),
              Set.copyOf(IssuersFile.DEFAULT_ALGORITHMS),
              external.audience(),
              ClaimPaths.DEFAULT,
              external,
              clock,
              fetches));
    }
    if (external.secret().isPresent()) {
      add(
          out,
          origins,
          "AUTH_JWT_SECRET_ISSUER",
          new TrustedIssuer(
              external.secretIssuer().orElseThrow(),
              Set.of("HS256"),
              new SecretKeys(external.secret().get(), external.secretOld()),
              external.audience(),
              ClaimPaths.DEFAULT,
              false));
    }
    if (external.issuersFile().isPresent()) {
      for (IssuersFile.Entry e : IssuersFile.read(external.issuersFile().get())) {
        add(
            out,
            origins,
            external.issuersFile().get().toString(),
            fromFile(e, external, clock, fetches));
      }
    }
    return List.copyOf(out);
  }

  private static TrustedIssuer fromFile(
      IssuersFile.Entry e, Settings.External external, Clock clock, JwksFetches fetches) {
    JwksSource source =
        e.jwksUri().isPresent()
            ? new JwksEndpoint(e.jwksUri().get(), external.jwksTimeout())
            : new DiscoveredJwks(e.discovery().orElseThrow(), e.issuer(), external.jwksTimeout());
    return remote(
        e.issuer(), source, e.algorithms(), e.audience(), e.claims(), external, clock, fetches);
  }

  private static TrustedIssuer remote(
      String issuer,
      JwksSource source,
      Set<String> algorithms,
      java.util.Optional<String> audience,
      ClaimMapping claims,
      Settings.External external,
      Clock clock,
      JwksFetches fetches) {
    RemoteKeys keys =
        new RemoteKeys(
                issuer,
                new CountedJwksSource(source, issuer, fetches),
                algorithms,
                clock,
                external.jwksCacheTtl(),
                external.jwksRefetchInterval(),
                external.jwksTimeout())
            .prefetch();
    return new TrustedIssuer(issuer, algorithms, keys, audience, claims, false);
  }

  private static void add(
      List<TrustedIssuer> out, Map<String, String> origins, String origin, TrustedIssuer issuer) {
    String earlier = origins.putIfAbsent(issuer.issuer(), origin);
    if (earlier != null) {
      throw new ConfigException(
          "issuer \"%s\" is configured twice, by %s and by %s: an issuer has one source of keys;"
                  .formatted(issuer.issuer(), earlier, origin)
              + " remove one");
    }
    out.add(issuer);
  }
}
