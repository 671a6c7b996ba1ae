package dev.authgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Users with their roles and permissions. Email lookups ignore letter case. */
public final class UserStore {
  private static final String SELECT_USER =
      "SELECT id, email, display_name, password_hash, active, created_at FROM users ";

  private final Transactions tx;
  private final Clock clock;

  public UserStore(Database database, Clock clock) {
    this.tx = new Transactions(database);
    this.clock = clock;
  }

  /** What a new user is made of. */
  public record NewUser(
      String email, Optional<String> name, String passwordHash, List<String> roles) {}

  /**
   * Creates the user with its roles in one transaction.
   *
   * @return empty when a user with this email exists, in any letter case
   */
  public Optional<StoredUser> create(NewUser user) {
    UUID id = UUID.randomUUID();
    try {
      return Optional.of(
          tx.run(
              c -> {
                OffsetDateTime now = now();
                try (PreparedStatement s =
                    c.prepareStatement(
                        "INSERT INTO users (id, email, email_key, password_hash, display_name,"
                            + " active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, TRUE, ?, ?)")) {
                  s.setObject(1, id);
                  s.setString(2, user.email());
                  s.setString(3, key(user.email()));
                  s.setString(4, user.passwordHash());
                  s.setString(5, user.name().orElse(null));
                  s.setObject(6, now);
                  s.setObject(7, now);
                  s.executeUpdate();
                }
                for (String role : user.roles()) {
                  grantRole(c, id, role, now);
                }
                return load(c, id).orElseThrow();
              }));
    } catch (DuplicateKey e) {
      return Optional.empty();
    }
  }

  public Optional<StoredUser> findByEmail(String email) {
    return tx.run(
        c -> {
          try (PreparedStatement s = c.prepareStatement(SELECT_USER + "WHERE email_key = ?")) {
            s.setString(1, key(email));
            return one(c, s);
          }
        });
  }

  public Optional<StoredUser> findById(UUID id) {
    return tx.run(c -> load(c, id));
  }

  public boolean isEmpty() {
    return tx.run(
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM users");
              ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1) == 0;
          }
        });
  }

  public void updatePasswordHash(UUID id, String hash) {
    update("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", hash, id);
  }

  /**
   * @return the user after the change, empty when there is no such user
   */
  public Optional<StoredUser> setActive(UUID id, boolean active) {
    return tx.run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("UPDATE users SET active = ?, updated_at = ? WHERE id = ?")) {
            s.setBoolean(1, active);
            s.setObject(2, now());
            s.setObject(3, id);
            s.executeUpdate();
          }
          return load(c, id);
        });
  }

  /**
   * @return the user after the change, empty when there is no such user
   */
  public Optional<StoredUser> grantRole(UUID id, String role) {
    return change(id, c -> grantRole(c, id, role, now()));
  }

  public Optional<StoredUser> revokeRole(UUID id, String role) {
    return change(
        id, c -> delete(c, "DELETE FROM user_roles WHERE user_id = ? AND role_name = ?", id, role));
  }

  public Optional<StoredUser> grantPermission(UUID id, String permission) {
    return change(
        id,
        c ->
            insertIfAbsent(
                c,
                "INSERT INTO user_permissions (user_id, permission, granted_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT DO NOTHING",
                id,
                permission));
  }

  public Optional<StoredUser> revokePermission(UUID id, String permission) {
    return change(
        id,
        c ->
            delete(
                c,
                "DELETE FROM user_permissions WHERE user_id = ? AND permission = ?",
                id,
                permission));
  }

  /** The email as it is compared: letter case does not make two addresses different. */
  public static String key(String email) {
    return email.toLowerCase(Locale.ROOT);
  }

  @FunctionalInterface
  private interface Change {
    void apply(Connection c) throws SQLException;
  }

  private Optional<StoredUser> change(UUID id, Change change) {
    return tx.run(
        c -> {
          if (!exists(c, id)) {
            return Optional.empty();
          }
          change.apply(c);
          touch(c, id);
          return load(c, id);
        });
  }

  private void grantRole(Connection c, UUID id, String role, OffsetDateTime now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO roles (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
      s.setString(1, role);
      s.setObject(2, now);
      s.executeUpdate();
    }
    insertIfAbsent(
        c,
        "INSERT INTO user_roles (user_id, role_name, granted_at) VALUES (?, ?, ?)"
            + " ON CONFLICT DO NOTHING",
        id,
        role);
  }

  private void insertIfAbsent(Connection c, String sql, UUID id, String value) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, id);
      s.setString(2, value);
      s.setObject(3, now());
      s.executeUpdate();
    }
  }

  private static void delete(Connection c, String sql, UUID id, String value) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, id);
      s.setString(2, value);
      s.executeUpdate();
    }
  }

  private void update(String sql, String value, UUID id) {
    tx.run(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            s.setObject(2, now());
            s.setObject(3, id);
            return s.executeUpdate();
          }
        });
  }

  private void touch(Connection c, UUID id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE users SET updated_at = ? WHERE id = ?")) {
      s.setObject(1, now());
      s.setObject(2, id);
      s.executeUpdate();
    }
  }

  private static boolean exists(Connection c, UUID id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM users WHERE id = ?")) {
      s.setObject(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static Optional<StoredUser> load(Connection c, UUID id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT_USER + "WHERE id = ?")) {
      s.setObject(1, id);
      return one(c, s);
    }
  }

  private static Optional<StoredUser> one(Connection c, PreparedStatement s) throws SQLException {
    try (ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        return Optional.empty();
      }
      UUID id = r.getObject("id", UUID.class);
      return Optional.of(
          new StoredUser(
              id,
              r.getString("email"),
              Optional.ofNullable(r.getString("display_name")),
              r.getString("password_hash"),
              r.getBoolean("active"),
              strings(c, "SELECT role_name FROM user_roles WHERE user_id = ? ORDER BY 1", id),
              strings(
                  c, "SELECT permission FROM user_permissions WHERE user_id = ? ORDER BY 1", id),
              r.getObject("created_at", OffsetDateTime.class).toInstant()));
    }
  }

  private static List<String> strings(Connection c, String sql, UUID id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, id);
      try (ResultSet r = s.executeQuery()) {
        List<String> out = new ArrayList<>();
        while (r.next()) {
          out.add(r.getString(1));
        }
        return List.copyOf(out);
      }
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
