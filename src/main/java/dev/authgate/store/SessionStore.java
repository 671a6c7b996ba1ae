package dev.authgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh sessions. A login starts a family; each refresh spends one row and adds its successor.
 * Rotation is one conditional update, so of any number of concurrent refreshes of one token exactly
 * one wins (RFC 9700, section 4.14).
 */
public final class SessionStore {
  private final Transactions tx;
  private final Clock clock;

  public SessionStore(Database database, Clock clock) {
    this.tx = new Transactions(database);
    this.clock = clock;
  }

  /** A refresh session to record; {@code id} is the jti of its refresh token. */
  public record NewSession(
      UUID id,
      UUID userId,
      UUID familyId,
      Instant expiresAt,
      Optional<String> userAgent,
      Optional<String> clientAddress) {}

  /** What became of a refresh token presented for rotation. */
  public enum Rotation {
    /** Spent now; its successor is recorded. */
    ROTATED,
    /** No session has this id. */
    UNKNOWN,
    /** Its family was revoked (signed out, or reuse detected before). */
    REVOKED,
    /** Past its expiry. */
    EXPIRED,
    /** Spent before: treated as theft, and the whole family is now revoked. */
    REUSED
  }

  public void create(NewSession session) {
    tx.run(
        c -> {
          insert(c, session);
          return null;
        });
  }

  /**
   * Spends the session {@code spent} and records {@code next} as its successor, atomically. When
   * the session was spent before, revokes its whole family in the same transaction.
   */
  public Rotation rotate(UUID spent, NewSession next) {
    return tx.run(
        c -> {
          OffsetDateTime now = now();
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE refresh_sessions SET replaced_by = ? WHERE id = ? AND replaced_by IS"
                      + " NULL AND revoked_at IS NULL AND expires_at > ?")) {
            s.setObject(1, next.id());
            s.setObject(2, spent);
            s.setObject(3, now);
            if (s.executeUpdate() == 1) {
              insert(c, next);
              return Rotation.ROTATED;
            }
          }
          return refusal(c, spent, now);
        });
  }

  /**
   * Revokes every session of the family.
   *
   * @return when the last of them expires, by which time no token of the family is valid anyway
   */
  public Optional<Instant> revokeFamily(UUID familyId) {
    return tx.run(c -> revokeFamily(c, familyId, now()));
  }

  /** Revokes every session of the user, for a deactivation; returns the families with expiries. */
  public Map<UUID, Instant> revokeUser(UUID userId) {
    return tx.run(
        c -> {
          Map<UUID, Instant> families =
              groups(
                  c,
                  "SELECT family_id, MAX(expires_at) FROM refresh_sessions WHERE user_id = ?"
                      + " GROUP BY family_id",
                  s -> s.setObject(1, userId));
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE refresh_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS"
                      + " NULL")) {
            s.setObject(1, now());
            s.setObject(2, userId);
            s.executeUpdate();
          }
          return families;
        });
  }

  /**
   * Families with a session revoked at or after {@code since} that have not yet expired, each with
   * when its last session expires.
   */
  public Map<UUID, Instant> revokedSince(Instant since) {
    return tx.run(
        c ->
            groups(
                c,
                "SELECT family_id, MAX(expires_at) FROM refresh_sessions WHERE revoked_at >= ?"
                    + " GROUP BY family_id HAVING MAX(expires_at) > ?",
                s -> {
                  s.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
                  s.setObject(2, now());
                }));
  }

  /** The state of a session, for introspection. */
  public record State(
      UUID userId, UUID familyId, boolean spent, boolean revoked, Instant expiresAt) {
    public boolean active(Instant now) {
      return !spent && !revoked && expiresAt.isAfter(now);
    }
  }

  public Optional<State> find(UUID id) {
    return tx.run(c -> state(c, id));
  }

  private Rotation refusal(Connection c, UUID spent, OffsetDateTime now) throws SQLException {
    Optional<State> state = state(c, spent);
    if (state.isEmpty()) {
      return Rotation.UNKNOWN;
    }
    if (state.get().revoked()) {
      return Rotation.REVOKED;
    }
    if (state.get().spent()) {
      revokeFamily(c, state.get().familyId(), now);
      return Rotation.REUSED;
    }
    return Rotation.EXPIRED;
  }

  private static Optional<State> state(Connection c, UUID id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT user_id, family_id, replaced_by, revoked_at, expires_at FROM refresh_sessions"
                + " WHERE id = ?")) {
      s.setObject(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new State(
                r.getObject(1, UUID.class),
                r.getObject(2, UUID.class),
                r.getObject(3, UUID.class) != null,
                r.getObject(4, OffsetDateTime.class) != null,
                r.getObject(5, OffsetDateTime.class).toInstant()));
      }
    }
  }

  private static Optional<Instant> revokeFamily(Connection c, UUID familyId, OffsetDateTime now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE refresh_sessions SET revoked_at = ? WHERE family_id = ? AND revoked_at IS"
                + " NULL")) {
      s.setObject(1, now);
      s.setObject(2, familyId);
      s.executeUpdate();
    }
    return Optional.ofNullable(
        groups(
                c,
                "SELECT family_id, MAX(expires_at) FROM refresh_sessions WHERE family_id = ?"
                    + " GROUP BY family_id",
                s -> s.setObject(1, familyId))
            .get(familyId));
  }

  private void insert(Connection c, NewSession session) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO refresh_sessions (id, user_id, family_id, created_at, expires_at,"
                + " user_agent, client_address) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      s.setObject(1, session.id());
      s.setObject(2, session.userId());
      s.setObject(3, session.familyId());
      s.setObject(4, now());
      s.setObject(5, OffsetDateTime.ofInstant(session.expiresAt(), ZoneOffset.UTC));
      s.setString(6, session.userAgent().map(a -> clip(a, 512)).orElse(null));
      s.setString(7, session.clientAddress().map(a -> clip(a, 64)).orElse(null));
      s.executeUpdate();
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private static Map<UUID, Instant> groups(Connection c, String sql, Binder binder)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      try (ResultSet r = s.executeQuery()) {
        Map<UUID, Instant> out = new HashMap<>();
        while (r.next()) {
          out.put(r.getObject(1, UUID.class), r.getObject(2, OffsetDateTime.class).toInstant());
        }
        return out;
      }
    }
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
