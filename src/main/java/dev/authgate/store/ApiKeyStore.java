package dev.authgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Service principals and their API keys (hashes only). */
public final class ApiKeyStore {
  private final Transactions tx;
  private final Clock clock;

  public ApiKeyStore(Database database, Clock clock) {
    this.tx = new Transactions(database);
    this.clock = clock;
  }

  /** A service principal: a name, the scopes its keys grant, and whether it may act. */
  public record Principal(UUID id, String name, List<String> scopes, boolean active) {}

  /**
   * One key as the gate needs it: by prefix, with its hash, its principal and its state.
   *
   * @param expiresAt null when the key never expires
   * @param revokedAt null while the key is in force
   */
  public record StoredKey(
      String prefix,
      String hash,
      Principal principal,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt) {}

  /** Creates the principal, or answers the existing one of that name unchanged. */
  public Principal principal(String name, List<String> scopes) {
    return tx.run(
        c -> {
          Optional<Principal> existing = findPrincipal(c, name);
          if (existing.isPresent()) {
            return existing.get();
          }
          Principal p = new Principal(UUID.randomUUID(), name, List.copyOf(scopes), true);
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO service_principals (id, name, scopes, active, created_at)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            s.setObject(1, p.id());
            s.setString(2, name);
            s.setString(3, String.join(" ", scopes));
            s.setBoolean(4, true);
            s.setObject(5, now());
            s.executeUpdate();
          }
          return p;
        });
  }

  public Optional<Principal> findPrincipal(String name) {
    return tx.run(c -> findPrincipal(c, name));
  }

  /** Records a key of the principal. */
  public void addKey(UUID principalId, String prefix, String hash, Instant expiresAt) {
    tx.run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO api_keys (id, principal_id, prefix, key_hash, created_at,"
                      + " expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, UUID.randomUUID());
            s.setObject(2, principalId);
            s.setString(3, prefix);
            s.setString(4, hash);
            s.setObject(5, now());
            s.setObject(6, expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC));
            return s.executeUpdate();
          }
        });
  }

  /** Revokes the key; false when no key has that prefix. Revoking twice keeps the first time. */
  public boolean revoke(String prefix) {
    return tx.run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE prefix = ?")) {
            s.setObject(1, now());
            s.setString(2, prefix);
            return s.executeUpdate() == 1;
          }
        });
  }

  /** Turns the principal's keys on or off; false when there is no such principal. */
  public boolean setActive(String name, boolean active) {
    return tx.run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("UPDATE service_principals SET active = ? WHERE name = ?")) {
            s.setBoolean(1, active);
            s.setString(2, name);
            return s.executeUpdate() == 1;
          }
        });
  }

  /** Every key, revoked and expired ones too, so the gate can say why one is refused. */
  public List<StoredKey> all() {
    return tx.run(
        c -> {
          List<StoredKey> out = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT k.prefix, k.key_hash, k.created_at, k.expires_at, k.revoked_at,"
                          + " p.id, p.name, p.scopes, p.active FROM api_keys k JOIN"
                          + " service_principals p ON p.id = k.principal_id ORDER BY p.name,"
                          + " k.created_at");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              out.add(
                  new StoredKey(
                      r.getString(1),
                      r.getString(2),
                      principal(r, 6),
                      instant(r, 3),
                      instant(r, 4),
                      instant(r, 5)));
            }
          }
          return out;
        });
  }

  private static Optional<Principal> findPrincipal(Connection c, String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, name, scopes, active FROM service_principals WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(principal(r, 1)) : Optional.empty();
      }
    }
  }

  private static Principal principal(ResultSet r, int from) throws SQLException {
    String scopes = r.getString(from + 2).trim();
    return new Principal(
        r.getObject(from, UUID.class),
        r.getString(from + 1),
        scopes.isEmpty() ? List.of() : Arrays.asList(scopes.split(" ")),
        r.getBoolean(from + 3));
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private OffsetDateTime now() {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }
}
