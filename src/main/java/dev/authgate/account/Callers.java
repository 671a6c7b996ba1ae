package dev.authgate.account;

import dev.authgate.gate.Gate;
import dev.authgate.store.StoredUser;
import dev.authgate.token.Verification;
import java.util.List;
import java.util.UUID;

/**
 * Who is calling an account endpoint: the Authorization header verified exactly as /verify does
 * (revocation included), accepted only for tokens this instance issued, and the user read afresh
 * from the store, so a role taken away or a deactivation counts at once.
 */
public final class Callers {
  private final Gate gate;
  private final String issuer;
  private final AccountService accounts;

  Callers(Gate gate, String issuer, AccountService accounts) {
    this.gate = gate;
    this.issuer = issuer;
    this.accounts = accounts;
  }

  /** The verified token of the header; a 401 when there is none or it fails. */
  public Verification.Verified token(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw AccountException.unauthenticated(
          "no credential: send Authorization: Bearer <access token>");
    }
    Verification result = gate.decide(authorization, List.of());
    if (result instanceof Verification.Refused refused) {
      throw AccountException.invalidToken(refused.rejection().description());
    }
    Verification.Verified verified = (Verification.Verified) result;
    if (!issuer.equals(verified.issuer())) {
      throw AccountException.invalidToken("not a token of this issuer");
    }
    return verified;
  }

  /** The active user behind the header's token. */
  public StoredUser user(String authorization) {
    UUID id = userId(token(authorization));
    StoredUser user;
    try {
      user = accounts.user(id);
    } catch (AccountException e) {
      throw AccountException.invalidToken("the user no longer exists");
    }
    if (!user.active()) {
      throw AccountException.forbidden("account_disabled", "this account has been deactivated");
    }
    return user;
  }

  /** The active user behind the header's token, who must hold the role admin or the permission. */
  public StoredUser authorized(String authorization, Permission needed) {
    StoredUser user = user(authorization);
    if (!user.roles().contains(Roles.ADMIN) && !needed.grantedBy(user.permissions())) {
      throw AccountException.forbidden(
          "forbidden", "this needs the role admin or the permission " + needed);
    }
    return user;
  }

  private static UUID userId(Verification.Verified token) {
    try {
      return UUID.fromString(token.identity().userId());
    } catch (IllegalArgumentException e) {
      throw AccountException.invalidToken("the token's subject is not a user of this store");
    }
  }
}
