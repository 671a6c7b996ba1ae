package dev.authgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@link Settings} from environment variables. Every {@code AUTH_*} name also accepts its
 * legacy aliases; a name and an alias set to different values is an error rather than a silent
 * choice. All problems are collected and reported together, one line each.
 */
public final class SettingsLoader {
  static final int MIN_SECRET_BYTES = 32;

  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  private SettingsLoader(Map<String, String> env) {
    this.env = env;
  }

  /**
   * Builds validated settings from the given variables.
   *
   * @throws ConfigException naming every variable that is wrong, one per line
   */
  public static Settings load(Map<String, String> env) {
    return new SettingsLoader(env).build();
  }

  private Settings build() {
    String host = text("AUTH_HOST").orElse("0.0.0.0");
    int port = integer("AUTH_PORT", 8080, 0, 65535, "8080", "PORT");
    Optional<String> databaseUrl = databaseUrl();
    Path dataDir = Path.of(text("AUTH_DATA_DIR").orElse("./data"));
    Optional<Path> keysDir = text("AUTH_KEYS_DIR").map(Path::of);
    Optional<String> signingKey = text("AUTH_SIGNING_KEY");
    String issuer = text("AUTH_ISSUER").orElse("http://localhost:" + (port == 0 ? 8080 : port));
    Optional<String> audience = text("AUTH_AUDIENCE");
    Duration accessTtl =
        duration("AUTH_ACCESS_TOKEN_TTL", "15m", "ACCESS_TOKEN_TTL", "JWT_EXPIRES_IN");
    Duration refreshTtl =
        duration("AUTH_REFRESH_TOKEN_TTL", "7d", "REFRESH_TOKEN_TTL", "JWT_REFRESH_EXPIRES_IN");
    int bcryptRounds = integer("AUTH_BCRYPT_ROUNDS", 10, 4, 31, "12", "BCRYPT_ROUNDS");
    Duration skew = durationAllowingZero("AUTH_CLOCK_SKEW", "30s");
    String cookieName = cookieName();
    boolean devHeaders = bool("AUTH_DEV_HEADERS", false, "DEVELOPMENT_AUTH_ENABLED");
    Optional<String> jwksUri = url("AUTH_JWKS_URI", "JWKS_URI");
    Optional<String> externalIssuer = text("AUTH_JWT_ISSUER", "JWT_ISSUER");
    Optional<String> externalAudience = text("AUTH_JWT_AUDIENCE", "JWT_AUDIENCE");
    Optional<Secret> secret = secret("AUTH_JWT_SECRET", "JWT_SECRET");
    Optional<Secret> oldSecret = secret("AUTH_JWT_SECRET_OLD", "JWT_SECRET_OLD");
    String environment = oneOf("AUTH_ENV", "development", List.of("development", "production"));
    String logLevel =
        oneOf("LOG_LEVEL", "INFO", List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR"))
            .toUpperCase(Locale.ROOT);

    if (devHeaders && "production".equals(environment)) {
      problems.add(
          "AUTH_DEV_HEADERS=true is refused when AUTH_ENV=production: development headers let any"
              + " caller choose its identity; unset AUTH_DEV_HEADERS");
    }
    if (oldSecret.isPresent() && secret.isEmpty()) {
      problems.add(
          "AUTH_JWT_SECRET_OLD is set without AUTH_JWT_SECRET: the old secret only verifies"
              + " during a rotation; set AUTH_JWT_SECRET to the new secret");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(String.join("\n", problems));
    }
    return new Settings(
        host,
        port,
        databaseUrl,
        dataDir,
        keysDir,
        signingKey,
        issuer,
        audience,
        accessTtl,
        refreshTtl,
        bcryptRounds,
        skew,
        cookieName,
        devHeaders,
        jwksUri,
        externalIssuer,
        externalAudience,
        secret,
        oldSecret,
        environment,
        logLevel);
  }

  /** The value of a variable or its first alias that is set, after checking they agree. */
  private Optional<String> text(String name, String... aliases) {
    String found = null;
    String foundName = null;
    for (String candidate : names(name, aliases)) {
      String value = env.get(candidate);
      if (value == null || value.isBlank()) {
        continue;
      }
      if (found == null) {
        found = value.trim();
        foundName = candidate;
      } else if (!found.equals(value.trim())) {
        problems.add(
            "%s and %s are both set, to different values: they are one setting; keep only %s"
                .formatted(foundName, candidate, name));
      }
    }
    return Optional.ofNullable(found);
  }

  private static List<String> names(String name, String... aliases) {
    List<String> all = new ArrayList<>();
    all.add(name);
    all.addAll(List.of(aliases));
    return all;
  }

  private int integer(
      String name, int fallback, int min, int max, String example, String... aliases) {
    Optional<String> raw = text(name, aliases);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value >= min && value <= max) {
        return value;
      }
      problems.add(
          "%s=%s is out of range: use a whole number from %d to %d, for example %s=%s"
              .formatted(name, raw.get(), min, max, name, example));
    } catch (NumberFormatException e) {
      problems.add(
          "%s=%s is not a whole number: for example %s=%s"
              .formatted(name, quote(raw.get()), name, example));
    }
    return fallback;
  }

  private Duration duration(String name, String fallback, String... aliases) {
    Duration d = parseDuration(name, fallback, aliases);
    if (d.isZero()) {
      problems.add(
          "%s=0 would make every token expire at once: use a positive duration, for example %s=%s"
              .formatted(name, name, fallback));
    }
    return d;
  }

  private Duration durationAllowingZero(String name, String fallback, String... aliases) {
    return parseDuration(name, fallback, aliases);
  }

  private Duration parseDuration(String name, String fallback, String... aliases) {
    String raw = text(name, aliases).orElse(fallback);
    Optional<Duration> parsed = Durations.parse(raw);
    if (parsed.isEmpty()) {
      problems.add(
          "%s=%s is not a duration: write seconds (900) or 30s, 15m, 1h, 7d, for example %s=%s"
              .formatted(name, quote(raw), name, fallback));
      return Durations.parse(fallback).orElseThrow();
    }
    return parsed.get();
  }

  private boolean bool(String name, boolean fallback, String... aliases) {
    Optional<String> raw = text(name, aliases);
    if (raw.isEmpty()) {
      return fallback;
    }
    switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on":
        return true;
      case "false", "0", "no", "off":
        return false;
      default:
        problems.add(
            "%s=%s is not a boolean: use true or false, for example %s=false"
                .formatted(name, quote(raw.get()), name));
        return fallback;
    }
  }

  private String oneOf(String name, String fallback, List<String> allowed) {
    String raw = text(name).orElse(fallback);
    for (String candidate : allowed) {
      if (candidate.equalsIgnoreCase(raw)) {
        return candidate;
      }
    }
    problems.add(
        "%s=%s is not one of %s: for example %s=%s"
            .formatted(name, quote(raw), String.join(", ", allowed), name, fallback));
    return fallback;
  }

  private Optional<String> url(String name, String... aliases) {
    Optional<String> raw = text(name, aliases);
    if (raw.isPresent() && !raw.get().matches("(?i)https?://[^\\s/]+.*")) {
      problems.add(
          "%s=%s is not an http(s) URL: for example %s=https://idp.example.com/.well-known/jwks.json"
              .formatted(name, quote(raw.get()), name));
      return Optional.empty();
    }
    return raw;
  }

  private Optional<String> databaseUrl() {
    Optional<String> raw = text("AUTH_DATABASE_URL", "DATABASE_URL");
    if (raw.isPresent() && !raw.get().matches("(?i)(jdbc:)?postgres(ql)?://.+")) {
      problems.add(
          "AUTH_DATABASE_URL=%s is not a PostgreSQL URL: for example"
                  .formatted(DatabaseUrls.mask(raw.get()))
              + " AUTH_DATABASE_URL=postgresql://user:password@db:5432/auth (unset it for the"
              + " embedded store)");
      return Optional.empty();
    }
    return raw;
  }

  private Optional<Secret> secret(String name, String... aliases) {
    Optional<String> raw = text(name, aliases);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Secret secret = new Secret(raw.get());
    if (secret.length() < MIN_SECRET_BYTES) {
      problems.add(
          ("%s is %d bytes long: an HS256 secret needs at least %d bytes; generate one with"
                  + " `openssl rand -base64 48`")
              .formatted(name, secret.length(), MIN_SECRET_BYTES));
    }
    return Optional.of(secret);
  }

  private String cookieName() {
    String name = text("AUTH_COOKIE_NAME").orElse("authgate_session");
    if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
      problems.add(
          "AUTH_COOKIE_NAME=%s is not a valid cookie name: use letters, digits, '_', '.', '-',"
                  .formatted(quote(name))
              + " for example AUTH_COOKIE_NAME=authgate_session");
      return "authgate_session";
    }
    return name;
  }

  private static String quote(String value) {
    String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
    return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
  }
}
