package dev.authgate.account;

import dev.authgate.config.ConfigException;
import dev.authgate.config.Secret;
import dev.authgate.config.Settings;
import dev.authgate.gate.Gate;
import dev.authgate.gate.RevokedSessions;
import dev.authgate.observe.Metrics;
import dev.authgate.observe.SecurityEvents;
import dev.authgate.store.Database;
import dev.authgate.store.SessionStore;
import dev.authgate.store.StoreUnavailable;
import dev.authgate.store.UserStore;
import dev.authgate.token.TokenIssuer;
import dev.authgate.token.TokenVerifier;
import dev.authgate.web.HealthCheck;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account side of authgate, built from the settings: the store, password hashing, sessions and
 * the revocation list that the gate consults. Authgate connects it to the gate and the app.
 */
public final class AccountSystem implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AccountSystem.class);

  private final Settings settings;
  private final Clock clock;
  private final Database database;
  private final UserStore users;
  private final SessionStore sessions;
  private final PasswordHasher hasher;
  private final RevocationList revoked;
  private final RefreshTokens refreshTokens;
  private final AccountService service;

  private AccountSystem(
      Settings settings,
      Clock clock,
      TokenIssuer tokens,
      TokenVerifier verifier,
      Metrics metrics,
      SecurityEvents events) {
    this.settings = settings;
    this.clock = clock;
    this.database =
        Database.open(settings.store(), settings.dataDir()).reportTo(metrics.registry());
    this.users = new UserStore(database, clock);
    this.sessions = new SessionStore(database, clock);
    Settings.Accounts a = settings.accounts();
    this.hasher = new PasswordHasher(a.bcryptRounds(), a.hashThreads(), a.hashQueue());
    this.revoked = new RevocationList(sessions, clock, tokens.accessTtl());
    this.refreshTokens = new RefreshTokens(verifier, settings.tokens().issuer());
    this.service =
        new AccountService(
            a, users, sessions, hasher, tokens, refreshTokens, revoked, clock, events);
  }

  /**
   * Opens the store and migrates it. A store that does not answer yet is not fatal: /verify serves,
   * account endpoints answer 503, and the migrations run when it answers.
   */
  public static AccountSystem open(
      Settings settings,
      Clock clock,
      TokenIssuer tokens,
      TokenVerifier verifier,
      Metrics metrics,
      SecurityEvents events) {
    checkAdminSettings(settings.accounts());
    AccountSystem system = new AccountSystem(settings, clock, tokens, verifier, metrics, events);
    system.database.afterMigration(system::bootstrapAdmin);
    try {
      system.users.isEmpty();
      log.info("account store: {}", system.database.describe());
    } catch (StoreUnavailable e) {
      log.warn(
          "account store {} does not answer; account endpoints answer 503 until it does",
          system.database.describe());
    }
    system.revoked.start(settings.accounts().revocationRefresh());
    return system;
  }

  /** What the gate consults for every token with a session. */
  public RevokedSessions revokedSessions() {
    return revoked;
  }

  /** Sign-in, refresh and sign-out for the JSON endpoints and the login form. */
  public AccountService service() {
    return service;
  }

  /** Who calls an account endpoint, verified through the gate. */
  public Callers callers(Gate gate) {
    return new Callers(gate, settings.tokens().issuer(), service);
  }

  public AdminService admin() {
    return new AdminService(users, sessions, revoked);
  }

  public Introspection introspection(Gate gate) {
    return new Introspection(
        gate,
        callers(gate),
        refreshTokens,
        sessions,
        revoked,
        settings.accounts().introspectionSecret(),
        clock);
  }

  public Database database() {
    return database;
  }

  /** /healthz's "store" entry: 503 while the database does not answer. */
  public HealthCheck health() {
    return new HealthCheck() {
      @Override
      public String name() {
        return "store";
      }

      @Override
      public String status() {
        return database.reachable() ? "ok" : "unreachable";
      }
    };
  }

  private static void checkAdminSettings(Settings.Accounts accounts) {
    try {
      accounts.adminEmail().ifPresent(Emails::check);
      accounts.adminPassword().ifPresent(p -> PasswordPolicy.checkNew(text(p)));
    } catch (AccountException e) {
      throw new ConfigException("AUTH_ADMIN_EMAIL / AUTH_ADMIN_PASSWORD: " + e.getMessage());
    }
  }

  private static String text(Secret secret) {
    return new String(secret.bytes(), StandardCharsets.UTF_8);
  }

  /** AUTH_ADMIN_EMAIL / AUTH_ADMIN_PASSWORD: the first admin, on a store without users. */
  private void bootstrapAdmin() {
    Optional<String> email = settings.accounts().adminEmail();
    if (email.isEmpty() || !users.isEmpty()) {
      return;
    }
    String password = text(settings.accounts().adminPassword().orElseThrow());
    service.addUser(
        email.get(), password, Optional.empty(), List.of(AccountService.DEFAULT_ROLE, Roles.ADMIN));
    log.info("created the first admin {} from AUTH_ADMIN_EMAIL", email.get());
  }

  @Override
  public void close() {
    revoked.close();
    hasher.close();
    database.close();
  }
}
