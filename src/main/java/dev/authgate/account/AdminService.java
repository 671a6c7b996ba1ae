package dev.authgate.account;

import dev.authgate.store.SessionStore;
import dev.authgate.store.StoredUser;
import dev.authgate.store.UserStore;
import java.util.Optional;
import java.util.UUID;

/** What an administrator changes about a user: roles, permissions, and whether it is active. */
public final class AdminService {
  /** The permission that lets a non-admin manage users ({@code users:*} and {@code *:*} too). */
  public static final Permission MANAGE_USERS = new Permission("users", "manage");

  private final UserStore users;
  private final SessionStore sessions;
  private final RevocationList revoked;

  AdminService(UserStore users, SessionStore sessions, RevocationList revoked) {
    this.users = users;
    this.sessions = sessions;
    this.revoked = revoked;
  }

  public StoredUser user(UUID id) {
    return found(users.findById(id));
  }

  public StoredUser userByEmail(String email) {
    return found(users.findByEmail(Emails.check(email)));
  }

  public StoredUser grantRole(UUID id, String role) {
    return found(users.grantRole(id, Roles.check(role)));
  }

  public StoredUser revokeRole(UUID id, String role) {
    return found(users.revokeRole(id, Roles.check(role)));
  }

  public StoredUser grantPermission(UUID id, String permission) {
    return found(users.grantPermission(id, Permission.parse(permission).toString()));
  }

  public StoredUser revokePermission(UUID id, String permission) {
    return found(users.revokePermission(id, Permission.parse(permission).toString()));
  }

  /**
   * Deactivates the user and revokes every session they have: their tokens are refused from now on
   * and they cannot sign in. Activating does not bring old sessions back.
   */
  public StoredUser setActive(UUID id, boolean active) {
    StoredUser user = found(users.setActive(id, active));
    if (!active) {
      sessions.revokeUser(id).forEach(revoked::add);
    }
    return user;
  }

  private static StoredUser found(Optional<StoredUser> user) {
    return user.orElseThrow(() -> AccountException.notFound("no such user"));
  }
}
