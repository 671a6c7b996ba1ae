package dev.authgate.cli;

import dev.authgate.config.Settings;
import dev.authgate.store.Database;
import dev.authgate.store.StoreUnavailable;
import java.io.PrintStream;

/** {@code authgate migrate}: creates or upgrades the store's schema, and nothing else. */
public final class Migrate {
  private Migrate() {}

  public static int run(Settings settings, PrintStream out, PrintStream err) {
    try (Database database = Database.open(settings.store(), settings.dataDir())) {
      database.migrate();
      out.println("authgate migrate: " + database.describe() + " is up to date");
      return 0;
    } catch (StoreUnavailable e) {
      err.println("authgate migrate: the store does not answer; check AUTH_DATABASE_URL");
      return 1;
    } catch (RuntimeException e) {
      err.println("authgate migrate: " + e.getMessage());
      return 1;
    }
  }
}
