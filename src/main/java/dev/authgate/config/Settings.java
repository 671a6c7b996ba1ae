package dev.authgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything authgate is configured with, validated as a whole before the port opens. Built by
 * {@link SettingsLoader} from the environment (tests hand the loader a map of variables, so they
 * pass through the same checks). Grouped by the part of authgate that reads each setting.
 */
public record Settings(
    Server server,
    Path dataDir,
    Keys keys,
    Tokens tokens,
    External external,
    Store store,
    Accounts accounts,
    Browser browser) {

  /** The settings of a machine with nothing configured. */
  public static Settings defaults() {
    return SettingsLoader.load(java.util.Map.of());
  }

  /**
   * @param environment "development" or "production"; production refuses development shortcuts
   * @param logFormat "text" or "json"
   */
  public record Server(
      String host, int port, String environment, String logLevel, String logFormat) {
    public boolean production() {
      return "production".equals(environment);
    }
  }

  /**
   * @param dir the mounted secret with PEM keys; empty means a development key under the data dir
   * @param signingKey the kid or file name of the key that signs; empty means the newest
   */
  public record Keys(Optional<Path> dir, Optional<String> signingKey) {}

  /**
   * @param issuer the {@code iss} of the tokens this instance signs, and trusts
   * @param audience the {@code aud} put into its tokens, and required when set
   */
  public record Tokens(
      String issuer,
      Optional<String> audience,
      Duration accessTtl,
      Duration refreshTtl,
      Duration clockSkew) {}

  /**
   * Tokens from other identity providers, and other ways to present an identity.
   *
   * @param jwksUri AUTH_JWKS_URI: keys of the provider named by {@link #issuer}
   * @param issuer AUTH_JWT_ISSUER: the {@code iss} of the provider's tokens
   * @param audience AUTH_JWT_AUDIENCE: the {@code aud} its tokens must carry
   * @param secret AUTH_JWT_SECRET: an HS256 secret shared with a provider
   * @param secretOld AUTH_JWT_SECRET_OLD: the previous secret, still accepted during a rotation
   * @param issuersFile AUTH_ISSUERS_FILE: YAML list of trusted issuers
   * @param rulesFile AUTH_RULES_FILE: YAML access rules
   * @param devHeaders AUTH_DEV_HEADERS: accept X-Dev-User-Id as the identity (never in production)
   * @param jwksCacheTtl how long fetched keys are trusted before they are fetched again
   * @param jwksTimeout AUTH_JWKS_TIMEOUT: the connect and the read timeout of each fetch
   * @param jwksRefetchInterval AUTH_JWKS_REFETCH_INTERVAL: the least time between two fetches of
   *     one issuer's keys, however many unknown kids arrive
   * @param secretIssuer the {@code iss} of the HS256 tokens: AUTH_JWT_SECRET_ISSUER, else
   *     AUTH_JWT_ISSUER when no AUTH_JWKS_URI claims it
   */
  public record External(
      Optional<String> jwksUri,
      Optional<String> issuer,
      Optional<String> audience,
      Optional<Secret> secret,
      Optional<Secret> secretOld,
      Optional<Path> issuersFile,
      Optional<Path> rulesFile,
      boolean devHeaders,
      Duration jwksCacheTtl,
      Duration jwksTimeout,
      Duration jwksRefetchInterval,
      Optional<String> secretIssuer) {}

  /**
   * @param databaseUrl PostgreSQL URL; empty means the embedded store under the data dir
   * @param poolSize the most connections held open
   * @param connectTimeout how long a request waits for a connection before 503
   */
  public record Store(Optional<String> databaseUrl, int poolSize, Duration connectTimeout) {}

  /**
   * @param registrationOpen whether people may register themselves
   * @param adminEmail with {@link #adminPassword}: the first admin, created on an empty store
   * @param introspectionSecret a shared secret that lets a service call /auth/introspect
   * @param revocationRefresh how often each instance reloads the list of revoked sessions
   * @param maxFailuresPerAccount failed logins for one email within {@link #failureWindow} before
   *     429
   * @param maxFailuresPerAddress failed logins from one client address within the window before 429
   * @param hashThreads threads that run bcrypt; more than the cores only adds queueing
   * @param hashQueue hashing jobs that may wait; beyond it logins get 503 at once
   */
  public record Accounts(
      int bcryptRounds,
      boolean registrationOpen,
      Optional<String> adminEmail,
      Optional<Secret> adminPassword,
      Optional<Secret> introspectionSecret,
      Duration revocationRefresh,
      int maxFailuresPerAccount,
      int maxFailuresPerAddress,
      Duration failureWindow,
      int hashThreads,
      int hashQueue) {}

  /**
   * The browser sign-in: the session cookie, the login page and the redirects around it.
   *
   * @param loginUrl where /verify sends a browser that is not signed in
   * @param allowedRedirectHosts hosts a return URL may point at, besides the cookie domain
   * @param trustedProxies addresses (CIDR) whose X-Forwarded-* headers are believed
   */
  public record Browser(
      String cookieName,
      Optional<String> cookieDomain,
      boolean cookieSecure,
      String loginUrl,
      String defaultRedirect,
      List<String> allowedRedirectHosts,
      List<String> trustedProxies,
      String productName,
      String brandColor) {}
}
