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
  private static final java.util.regex.Pattern HOST =
      java.util.regex.Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");

  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();
  private final java.util.SortedSet<String> read = new java.util.TreeSet<>();

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

  /** Every variable name the loader reads, aliases included, for documentation checks. */
  public static java.util.SortedSet<String> names() {
    SettingsLoader loader = new SettingsLoader(Map.of());
    loader.build();
    return loader.read;
  }

  private Settings build() {
    Settings.Server server = server();
    Path dataDir = Path.of(text("AUTH_DATA_DIR").orElse("./data"));
    Settings settings =
        new Settings(
            server,
            dataDir,
            new Settings.Keys(text("AUTH_KEYS_DIR").map(Path::of), text("AUTH_SIGNING_KEY")),
            tokens(server),
            external(server),
            store(),
            accounts(),
            browser(server));
    if (!problems.isEmpty()) {
      throw new ConfigException(String.join("\n", problems));
    }
    return settings;
  }

  private Settings.Server server() {
    return new Settings.Server(
        text("AUTH_HOST").orElse("0.0.0.0"),
        integer("AUTH_PORT", 8080, 0, 65535, "8080", "PORT"),
        oneOf("AUTH_ENV", "development", List.of("development", "production")),
        oneOf("LOG_LEVEL", "INFO", List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR")),
        oneOf("AUTH_LOG_FORMAT", "text", List.of("text", "json")));
  }

  private Settings.Tokens tokens(Settings.Server server) {
    int port = server.port() == 0 ? 8080 : server.port();
    return new Settings.Tokens(
        text("AUTH_ISSUER").orElse("http://localhost:" + port),
        text("AUTH_AUDIENCE"),
        duration("AUTH_ACCESS_TOKEN_TTL", "15m", "ACCESS_TOKEN_TTL", "JWT_EXPIRES_IN"),
        duration("AUTH_REFRESH_TOKEN_TTL", "7d", "REFRESH_TOKEN_TTL", "JWT_REFRESH_EXPIRES_IN"),
        durationAllowingZero("AUTH_CLOCK_SKEW", "30s"));
  }

  private Settings.External external(Settings.Server server) {
    Optional<Secret> secret = secret("AUTH_JWT_SECRET", "JWT_SECRET");
    Optional<Secret> oldSecret = secret("AUTH_JWT_SECRET_OLD", "JWT_SECRET_OLD");
    boolean devHeaders = bool("AUTH_DEV_HEADERS", false, "DEVELOPMENT_AUTH_ENABLED");
    if (devHeaders && server.production()) {
      problems.add(
          "AUTH_DEV_HEADERS=true is refused when AUTH_ENV=production: development headers let any"
              + " caller choose its identity; unset AUTH_DEV_HEADERS");
    }
    if (oldSecret.isPresent() && secret.isEmpty()) {
      problems.add(
          "AUTH_JWT_SECRET_OLD is set without AUTH_JWT_SECRET: the old secret only verifies"
              + " during a rotation; set AUTH_JWT_SECRET to the new secret");
    }
    Optional<String> jwksUri = url("AUTH_JWKS_URI", "JWKS_URI");
    Optional<String> issuer = text("AUTH_JWT_ISSUER", "JWT_ISSUER");
    if (jwksUri.isPresent() && issuer.isEmpty()) {
      problems.add(
          "AUTH_JWKS_URI is set without AUTH_JWT_ISSUER: tokens are matched to their keys by iss;"
              + " set the provider's iss, for example"
              + " AUTH_JWT_ISSUER=https://idp.example.com/realms/main");
    }
    return new Settings.External(
        jwksUri,
        issuer,
        text("AUTH_JWT_AUDIENCE", "JWT_AUDIENCE"),
        secret,
        oldSecret,
        text("AUTH_ISSUERS_FILE").map(Path::of),
        text("AUTH_RULES_FILE").map(Path::of),
        devHeaders,
        duration("AUTH_JWKS_CACHE_TTL", "10m"),
        duration("AUTH_JWKS_TIMEOUT", "2s"),
        duration("AUTH_JWKS_REFETCH_INTERVAL", "10s"),
        secretIssuer(secret.isPresent(), jwksUri.isPresent(), issuer));
  }

  /** HS256 tokens have their own issuer, so that a secret and a JWKS never share one. */
  private Optional<String> secretIssuer(
      boolean secret, boolean jwks, Optional<String> externalIssuer) {
    Optional<String> explicit = text("AUTH_JWT_SECRET_ISSUER");
    if (!secret) {
      return explicit;
    }
    Optional<String> chosen = explicit.isPresent() || jwks ? explicit : externalIssuer;
    if (chosen.isEmpty()) {
      problems.add(
          (jwks
                  ? "AUTH_JWT_SECRET and AUTH_JWKS_URI are both set: set AUTH_JWT_SECRET_ISSUER to"
                      + " the iss of the HS256 tokens (AUTH_JWT_ISSUER belongs to the JWKS),"
                  : "AUTH_JWT_SECRET is set without an issuer: tokens are matched to their key by"
                      + " iss; set AUTH_JWT_SECRET_ISSUER (or AUTH_JWT_ISSUER) to the iss of the"
                      + " HS256 tokens,")
              + " for example AUTH_JWT_SECRET_ISSUER=https://legacy-auth.example.com");
    } else if (jwks && chosen.equals(externalIssuer)) {
      problems.add(
          "AUTH_JWT_SECRET_ISSUER is the same as AUTH_JWT_ISSUER: an issuer has either a secret or a"
              + " JWKS, so that neither silently wins; give the HS256 tokens their own iss");
    }
    return chosen;
  }

  private Settings.Store store() {
    return new Settings.Store(
        databaseUrl(),
        integer("AUTH_DB_POOL_SIZE", 10, 1, 200, "10"),
        duration("AUTH_DB_CONNECT_TIMEOUT", "3s"));
  }

  private Settings.Accounts accounts() {
    int cores = Runtime.getRuntime().availableProcessors();
    int hashThreads = integer("AUTH_HASH_THREADS", cores, 1, 256, "2");
    Optional<String> adminEmail = text("AUTH_ADMIN_EMAIL");
    Optional<Secret> adminPassword = text("AUTH_ADMIN_PASSWORD").map(Secret::new);
    if (adminEmail.isPresent() != adminPassword.isPresent()) {
      problems.add(
          "AUTH_ADMIN_EMAIL and AUTH_ADMIN_PASSWORD go together: set both to create the first"
              + " admin on an empty store, for example AUTH_ADMIN_EMAIL=admin@example.com");
    }
    return new Settings.Accounts(
        integer("AUTH_BCRYPT_ROUNDS", 10, 4, 31, "12", "BCRYPT_ROUNDS"),
        oneOf("AUTH_REGISTRATION", "open", List.of("open", "closed")).equals("open"),
        adminEmail,
        adminPassword,
        secret("AUTH_INTROSPECTION_SECRET"),
        duration("AUTH_REVOCATION_REFRESH", "2s"),
        integer("AUTH_LOGIN_MAX_FAILURES", 5, 1, 1000, "5"),
        integer("AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS", 50, 1, 100000, "50"),
        duration("AUTH_LOGIN_FAILURE_WINDOW", "15m"),
        hashThreads,
        integer("AUTH_HASH_QUEUE", 4 * hashThreads, 0, 10000, "8"));
  }

  private Settings.Browser browser(Settings.Server server) {
    return new Settings.Browser(
        cookieName(),
        cookieDomain(),
        cookieSecure(server),
        redirectTarget("AUTH_LOGIN_URL", "/login", "https://auth.example.com/login"),
        redirectTarget("AUTH_DEFAULT_REDIRECT", "/", "https://app.example.com/"),
        hosts("AUTH_ALLOWED_REDIRECT_HOSTS"),
        trustedProxies(),
        productName(),
        brandColor());
  }

  private boolean cookieSecure(Settings.Server server) {
    boolean secure = bool("AUTH_COOKIE_SECURE", true);
    if (!secure && server.production()) {
      problems.add(
          "AUTH_COOKIE_SECURE=false is refused when AUTH_ENV=production: the session cookie would"
              + " travel over plain http; serve authgate behind TLS and unset AUTH_COOKIE_SECURE");
    }
    return secure;
  }

  private Optional<String> cookieDomain() {
    Optional<String> domain = text("AUTH_COOKIE_DOMAIN");
    if (domain.isPresent() && !HOST.matcher(domain.get().replaceFirst("^\\.", "")).matches()) {
      problems.add(
          "AUTH_COOKIE_DOMAIN=%s is not a domain name: for example AUTH_COOKIE_DOMAIN=.example.com"
              .formatted(quote(domain.get())));
      return Optional.empty();
    }
    return domain.map(d -> d.toLowerCase(Locale.ROOT));
  }

  private String redirectTarget(String name, String fallback, String example) {
    String value = text(name).orElse(fallback);
    boolean path = value.startsWith("/") && !value.startsWith("//") && !value.contains("\\");
    boolean absolute = value.matches("(?i)https?://[A-Za-z0-9.\\[\\]:-]+(/\\S*)?");
    if (!path && !absolute) {
      problems.add(
          "%s=%s is neither a path starting with / nor an http(s) URL: for example %s=%s"
              .formatted(name, quote(value), name, example));
      return fallback;
    }
    return value;
  }

  private List<String> hosts(String name) {
    List<String> hosts = list(name, "");
    for (String host : hosts) {
      if (!HOST.matcher(host).matches()) {
        problems.add(
            "%s contains %s, which is not a host name: list host names separated by commas, for"
                    .formatted(name, quote(host))
                + " example %s=app.example.com,docs.example.com".formatted(name));
      }
    }
    return hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  private List<String> trustedProxies() {
    List<String> ranges =
        list(
            "AUTH_TRUSTED_PROXIES",
            "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7");
    for (String range : ranges) {
      if (Cidr.parse(range).isEmpty()) {
        problems.add(
            "AUTH_TRUSTED_PROXIES contains %s, which is not an address or range: for example"
                    .formatted(quote(range))
                + " AUTH_TRUSTED_PROXIES=10.0.0.0/8,fd00::/8,192.0.2.7");
      }
    }
    return ranges;
  }

  private String productName() {
    String name = text("AUTH_PRODUCT_NAME").orElse("authgate");
    if (name.length() > 60 || name.chars().anyMatch(Character::isISOControl)) {
      problems.add(
          "AUTH_PRODUCT_NAME=%s is too long or holds control characters: use at most 60 plain"
                  .formatted(quote(name))
              + " characters, for example AUTH_PRODUCT_NAME=\"Example Corp\"");
      return "authgate";
    }
    return name;
  }

  private String brandColor() {
    String color = text("AUTH_BRAND_COLOR").orElse("#2563eb");
    if (!color.matches("#(\\p{XDigit}{3}|\\p{XDigit}{6})")) {
      problems.add(
          "AUTH_BRAND_COLOR=%s is not a hex colour: write #rgb or #rrggbb, for example"
                  .formatted(quote(color))
              + " AUTH_BRAND_COLOR=#0f766e");
      return "#2563eb";
    }
    return color.toLowerCase(Locale.ROOT);
  }

  private List<String> list(String name, String fallback) {
    return java.util.Arrays.stream(text(name).orElse(fallback).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** The value of a variable or its first alias that is set, after checking they agree. */
  private Optional<String> text(String name, String... aliases) {
    read.add(name);
    read.addAll(List.of(aliases));
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
