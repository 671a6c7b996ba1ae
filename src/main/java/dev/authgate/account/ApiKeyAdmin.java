package dev.authgate.account;

import dev.authgate.store.ApiKeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creates, lists and revokes API keys of service principals, for the admin endpoints and {@code
 * authgate apikey}. A principal is created with its first key; its scopes are the permissions its
 * keys grant. Every change is also loaded into this instance's key list at once.
 */
public final class ApiKeyAdmin {
  public static final Permission MANAGE_KEYS = new Permission("apikeys", "manage");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");
  private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9:._*/-]{1,128}");

  private final ApiKeyStore store;
  private final Optional<ApiKeyList> list;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ApiKeyAdmin(ApiKeyStore store, Optional<ApiKeyList> list, Clock clock) {
    this.store = store;
    this.list = list;
    this.clock = clock;
  }

  /**
   * A key just created: {@code key} is shown this once and never again.
   *
   * @param expiresAt null when it never expires
   */
  public record Created(
      String key, String prefix, String principal, List<String> scopes, Instant expiresAt) {}

  /** A new key for the principal, which is created with these scopes when it does not exist. */
  public Created create(String principal, List<String> scopes, Optional<Duration> lifetime) {
    if (!NAME.matcher(principal).matches()) {
      throw AccountException.invalid(
          "principal \"" + clip(principal) + "\" is not a name: use a-z, 0-9, '.', '_', '-'");
    }
    for (String scope : scopes) {
      if (!SCOPE.matcher(scope).matches()) {
        throw AccountException.invalid("scope \"" + clip(scope) + "\" is not a permission name");
      }
    }
    ApiKeyStore.Principal p = store.principal(principal, scopes);
    ApiKeyFormat.NewKey key = ApiKeyFormat.generate(random);
    Instant expiresAt = lifetime.map(clock.instant()::plus).orElse(null);
    store.addKey(p.id(), key.prefix(), ApiKeyFormat.hash(key.key()), expiresAt);
    refresh();
    return new Created(key.key(), "agk_" + key.prefix(), p.name(), p.scopes(), expiresAt);
  }

  /** Every key, by principal; never the keys themselves. */
  public List<ApiKeyStore.StoredKey> list() {
    return store.all();
  }

  /** Revokes the key named by its prefix, with or without {@code agk_}. */
  public void revoke(String prefix) {
    String bare = prefix.startsWith("agk_") ? prefix.substring(4) : prefix;
    if (!store.revoke(bare)) {
      throw AccountException.notFound("no API key has the prefix " + clip(prefix));
    }
    refresh();
  }

  /** Turns all keys of the principal off or on again. */
  public void setActive(String principal, boolean active) {
    if (!store.setActive(principal, active)) {
      throw AccountException.notFound("no service principal is named " + clip(principal));
    }
    refresh();
  }

  private void refresh() {
    list.ifPresent(ApiKeyList::reload);
  }

  private static String clip(String s) {
    String one = s.replaceAll("\\p{Cntrl}", "?");
    return one.length() > 64 ? one.substring(0, 64) + "..." : one;
  }
}
