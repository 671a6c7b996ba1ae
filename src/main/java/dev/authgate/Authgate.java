package dev.authgate;

import dev.authgate.account.AccountSystem;
import dev.authgate.account.ApiKeyAdmin;
import dev.authgate.account.ApiKeyList;
import dev.authgate.account.http.AccountRoutes;
import dev.authgate.account.http.AdminRoutes;
import dev.authgate.account.http.ApiKeyRoutes;
import dev.authgate.browser.AccountSignIn;
import dev.authgate.browser.BrowserSignIn;
import dev.authgate.config.Settings;
import dev.authgate.gate.CredentialExtractor;
import dev.authgate.gate.DecisionCache;
import dev.authgate.gate.DevHeaders;
import dev.authgate.gate.Gate;
import dev.authgate.gate.VerifyHandler;
import dev.authgate.keys.CurrentKeys;
import dev.authgate.keys.KeyDirectory;
import dev.authgate.keys.KeyDirectoryWatcher;
import dev.authgate.keys.KeyRing;
import dev.authgate.keys.KeySetup;
import dev.authgate.keys.RingKey;
import dev.authgate.observe.LogBudget;
import dev.authgate.observe.Metrics;
import dev.authgate.observe.SecurityEvents;
import dev.authgate.rules.CurrentRules;
import dev.authgate.store.ApiKeyStore;
import dev.authgate.token.TokenIssuer;
import dev.authgate.token.TokenVerifier;
import dev.authgate.token.Trust;
import dev.authgate.token.TrustedIssuer;
import dev.authgate.web.App;
import dev.authgate.web.DiscoveryRoutes;
import dev.authgate.web.HealthCheck;
import dev.authgate.web.HealthRoutes;
import dev.authgate.web.OperationsRoutes;
import dev.authgate.web.RequestLog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: the object graph built from validated settings, and the server that serves
 * it. Main starts one; black-box tests start one on a free port.
 */
public final class Authgate implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Authgate.class);
  static final Duration KEY_POLL = Duration.ofSeconds(1);
  static final Duration REFUSAL_LOG_WINDOW = Duration.ofSeconds(10);

  private final App app;
  private final KeyDirectoryWatcher watcher;
  private final TokenIssuer tokens;
  private final AccountSystem accounts;
  private final CurrentRules rules;
  private final ApiKeyList apiKeys;

  private Authgate(
      App app,
      KeyDirectoryWatcher watcher,
      TokenIssuer tokens,
      AccountSystem accounts,
      CurrentRules rules,
      ApiKeyList apiKeys) {
    this.rules = rules;
    this.apiKeys = apiKeys;
    this.app = app;
    this.watcher = watcher;
    this.tokens = tokens;
    this.accounts = accounts;
  }

  /** Builds everything the settings describe and opens the port. */
  public static Authgate start(Settings settings, Clock clock) {
    KeyDirectory directory = KeySetup.directory(settings);
    CurrentKeys keys = new CurrentKeys(KeySetup.load(directory, settings));
    Metrics metrics = new Metrics();
    SecurityEvents security =
        new SecurityEvents(metrics, new LogBudget(clock, REFUSAL_LOG_WINDOW, 20));
    observeKeys(keys, metrics, security);
    List<TrustedIssuer> issuers = Trust.issuers(settings, keys, clock, metrics);
    TokenVerifier verifier = new TokenVerifier(issuers, clock, settings.tokens().clockSkew());
    CurrentRules rules = CurrentRules.load(settings.external().rulesFile(), KEY_POLL);
    TokenIssuer tokens =
        new TokenIssuer(
            keys,
            settings.tokens().issuer(),
            settings.tokens().audience(),
            settings.tokens().accessTtl(),
            settings.tokens().refreshTtl(),
            clock);
    AccountSystem accounts =
        AccountSystem.open(settings, clock, tokens, verifier, metrics, security);
    DecisionCache decisions =
        DecisionCache.standard(verifier, clock, settings.external().jwksCacheTtl());
    keys.onChange(ring -> decisions.invalidateAll());
    metrics.decisionCache(decisions, DecisionCache::hits, DecisionCache::misses);
    ApiKeyStore keyStore = new ApiKeyStore(accounts.database(), clock);
    ApiKeyList apiKeys =
        new ApiKeyList(keyStore, clock).start(settings.accounts().revocationRefresh());
    Gate gate =
        new Gate(
            new CredentialExtractor(settings.browser().cookieName()),
            decisions,
            accounts.revokedSessions(),
            DevHeaders.of(settings.external().devHeaders(), clock),
            apiKeys);
    HealthCheck keyCheck = keyHealth(keys);
    BrowserSignIn browser =
        new BrowserSignIn(settings.browser(), settings.accounts().registrationOpen());
    App app =
        new App(
            new VerifyHandler(gate, browser.redirect(), rules),
            keys,
            List.of(
                new DiscoveryRoutes(settings.tokens().issuer()),
                new HealthRoutes(List.of(keyCheck, accounts.health())),
                new AccountRoutes(
                    accounts.service(),
                    accounts.callers(gate),
                    accounts.introspection(gate),
                    clock,
                    browser::clientAddress),
                new AdminRoutes(accounts.admin(), accounts.callers(gate)),
                new ApiKeyRoutes(
                    new ApiKeyAdmin(keyStore, Optional.of(apiKeys), clock), accounts.callers(gate)),
                browser.routes(new AccountSignIn(accounts.service()), gate, tokens, clock),
                new OperationsRoutes(metrics)),
            new RequestLog(metrics, new LogBudget(clock, REFUSAL_LOG_WINDOW, 20), security));
    KeyDirectoryWatcher watcher = new KeyDirectoryWatcher(directory, keys).start(KEY_POLL);
    try {
      app.start(settings.server().host(), settings.server().port());
    } catch (RuntimeException e) {
      watcher.close();
      accounts.close();
      rules.close();
      apiKeys.close();
      throw e;
    }
    announce(settings, keys.get(), issuers, app.port());
    return new Authgate(app, watcher, tokens, accounts, rules, apiKeys);
  }

  private static void observeKeys(CurrentKeys keys, Metrics metrics, SecurityEvents security) {
    metrics.keyRing(() -> keys.get().keys().size());
    keys.onChange(
        ring -> {
          metrics.keyReload();
          security.keysReloaded(ring.kids());
        });
  }

  private static HealthCheck keyHealth(CurrentKeys keys) {
    return new HealthCheck() {
      @Override
      public String name() {
        return "keys";
      }

      @Override
      public String status() {
        return keys.get().keys().isEmpty() ? "no keys loaded" : "ok";
      }
    };
  }

  private static void announce(
      Settings settings, KeyRing ring, List<TrustedIssuer> issuers, int port) {
    if (settings.keys().dir().isEmpty()) {
      log.warn(
          "DEVELOPMENT KEY: no AUTH_KEYS_DIR is set, so tokens are signed with a key generated"
              + " under {}/keys. Mount real keys for production: `java -jar authgate.jar keygen"
              + " --out DIR`, then AUTH_KEYS_DIR=DIR",
          settings.dataDir());
    }
    log.info(
        "authgate listening on {}:{}; accepting {}; signing with {}; development headers {}",
        settings.server().host(),
        port,
        issuers.stream()
            .map(i -> i.algorithms() + " tokens from \"" + i.issuer() + "\"")
            .collect(Collectors.joining(", ")),
        ring.signer().map(RingKey::kid).orElse("no key (verify only)") + " of kids " + ring.kids(),
        settings.external().devHeaders() ? "ON" : "off");
  }

  public int port() {
    return app.port();
  }

  /** Every HTTP endpoint the app registered; the OpenAPI test holds the document to it. */
  public List<App.Route> routes() {
    return app.routes();
  }

  /** Signs tokens the way the account endpoints do; tests use it to mint tokens. */
  public TokenIssuer tokens() {
    return tokens;
  }

  /** The account side: its services and store, for the login form and for tests. */
  public AccountSystem accounts() {
    return accounts;
  }

  @Override
  public void close() {
    watcher.close();
    rules.close();
    app.stop();
    accounts.close();
  }
}
