package dev.authgate.store;

import dev.authgate.config.DatabaseUrls;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the pool connects: a JDBC URL without credentials, and the credentials apart, so that the
 * URL can be logged and HikariCP masks the password. Accepts the URL form older auth services use
 * ({@code postgresql://user:pass@host:5432/db}) as well as the JDBC form.
 */
record JdbcTarget(String url, Optional<String> user, Optional<String> password, boolean embedded) {
  private static final Pattern POSTGRES =
      Pattern.compile("(?i)(?:jdbc:)?postgres(?:ql)?://(?:([^@/]*)@)?(.+)");

  /** PostgreSQL at the given URL. */
  static JdbcTarget postgres(String databaseUrl) {
    Matcher m = POSTGRES.matcher(databaseUrl.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a PostgreSQL URL: " + DatabaseUrls.mask(databaseUrl));
    }
    String userInfo = m.group(1);
    String url = "jdbc:postgresql://" + m.group(2);
    if (userInfo == null || userInfo.isEmpty()) {
      return new JdbcTarget(url, Optional.empty(), Optional.empty(), false);
    }
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
    Optional<String> password =
        colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
    return new JdbcTarget(url, Optional.of(decode(user)), password, false);
  }

  /**
   * The embedded store: an H2 file database in PostgreSQL mode under the data directory. Lower-case
   * names and PostgreSQL's null ordering keep the SQL identical to the PostgreSQL store; a lock
   * timeout of seconds lets concurrent updates of one row wait their turn as PostgreSQL's do. H2's
   * own shutdown hook stays off: it closed the database while authgate's hook was still stopping
   * the server, and the logins in flight got 500; the store now closes with authgate's pool.
   */
  static JdbcTarget embedded(Path dataDir) {
    String file = dataDir.toAbsolutePath().resolve("store").resolve("authgate").toString();
    return new JdbcTarget(
        "jdbc:h2:file:"
            + file
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE",
        Optional.of("authgate"),
        Optional.empty(),
        true);
  }

  /** The URL with any password in it masked, for logs and messages. */
  String shown() {
    return DatabaseUrls.mask(url);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
