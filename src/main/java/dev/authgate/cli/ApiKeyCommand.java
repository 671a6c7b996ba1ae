package dev.authgate.cli;

import dev.authgate.account.ApiKeyAdmin;
import dev.authgate.config.Durations;
import dev.authgate.config.Settings;
import dev.authgate.store.ApiKeyStore;
import dev.authgate.store.Database;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code authgate apikey create --principal NAME [--scope S]... [--expires 90d]}, {@code apikey
 * list} and {@code apikey revoke PREFIX}, directly on the store. Running servers learn of a change
 * within their refresh interval.
 */
public final class ApiKeyCommand {
  static final String USAGE =
      """
      usage: java -jar authgate.jar apikey create --principal NAME [--scope SCOPE]... [--expires 90d]
             java -jar authgate.jar apikey list
             java -jar authgate.jar apikey revoke PREFIX""";

  private ApiKeyCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err, Settings settings) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    try (Database database = Database.open(settings.store(), settings.dataDir())) {
      ApiKeyAdmin keys =
          new ApiKeyAdmin(
              new ApiKeyStore(database, Clock.systemUTC()), Optional.empty(), Clock.systemUTC());
      return switch (args[0]) {
        case "create" -> create(args, keys, out, err);
        case "list" -> list(keys, out);
        case "revoke" -> revoke(args, keys, out, err);
        default -> {
          err.println(USAGE);
          yield 2;
        }
      };
    } catch (RuntimeException e) {
      err.println("authgate apikey: " + e.getMessage());
      return 1;
    }
  }

  private static int create(String[] args, ApiKeyAdmin keys, PrintStream out, PrintStream err) {
    String principal = null;
    List<String> scopes = new ArrayList<>();
    Optional<Duration> lifetime = Optional.empty();
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--principal" -> principal = args[i + 1];
        case "--scope" -> scopes.add(args[i + 1]);
        case "--expires" -> lifetime = Durations.parse(args[i + 1]).filter(d -> !d.isZero());
        default -> principal = null;
      }
    }
    if (principal == null || args.length % 2 == 0) {
      err.println(USAGE);
      return 2;
    }
    ApiKeyAdmin.Created created = keys.create(principal, scopes, lifetime);
    out.println(created.key());
    err.println(
        "authgate apikey: created "
            + created.prefix()
            + " for "
            + created.principal()
            + " scopes "
            + created.scopes()
            + (created.expiresAt() == null ? "" : " expiring " + created.expiresAt())
            + "; the key is shown this once");
    return 0;
  }

  private static int list(ApiKeyAdmin keys, PrintStream out) {
    for (ApiKeyStore.StoredKey k : keys.list()) {
      out.printf(
          "agk_%s  %s  scopes=%s  %s%n",
          k.prefix(),
          k.principal().name(),
          String.join(",", k.principal().scopes()),
          k.revokedAt() != null
              ? "revoked " + k.revokedAt()
              : k.expiresAt() != null ? "expires " + k.expiresAt() : "no expiry");
    }
    return 0;
  }

  private static int revoke(String[] args, ApiKeyAdmin keys, PrintStream out, PrintStream err) {
    if (args.length != 2) {
      err.println(USAGE);
      return 2;
    }
    keys.revoke(args[1]);
    out.println("authgate apikey: revoked " + args[1]);
    return 0;
  }
}
