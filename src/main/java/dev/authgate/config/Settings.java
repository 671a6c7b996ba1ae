package dev.authgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything authgate is configured with, validated as a whole before the port opens. Built by
 * {@link SettingsLoader} from the environment (tests hand the loader a map of variables, so they
 * pass through the same checks).
 *
 * @param issuer the {@code iss} of the tokens this instance signs, and the issuer it trusts them
 *     from
 * @param audience the {@code aud} this instance puts into its tokens and requires when set
 * @param signingKey the kid or file name of the key that signs; empty means the newest key
 * @param externalIssuer the {@code iss} of tokens from another provider (AUTH_JWT_ISSUER)
 */
public record Settings(
    String host,
    int port,
    Optional<String> databaseUrl,
    Path dataDir,
    Optional<Path> keysDir,
    Optional<String> signingKey,
    String issuer,
    Optional<String> audience,
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    int bcryptRounds,
    Duration clockSkew,
    String cookieName,
    boolean devHeaders,
    Optional<String> jwksUri,
    Optional<String> externalIssuer,
    Optional<String> externalAudience,
    Optional<Secret> jwtSecret,
    Optional<Secret> jwtSecretOld,
    String environment,
    String logLevel) {

  /** The settings of a machine with nothing configured. */
  public static Settings defaults() {
    return SettingsLoader.load(java.util.Map.of());
  }

  public boolean production() {
    return "production".equals(environment);
  }
}
