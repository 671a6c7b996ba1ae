package dev.authgate.account;

import dev.authgate.store.StoredUser;
import dev.authgate.store.UserStore;
import java.util.List;
import java.util.Optional;

/**
 * Creates users: every field checked, the password hashed, the user and its roles stored at once.
 */
final class NewUsers {
  static final int MAX_NAME = 100;

  private final UserStore users;
  private final PasswordHasher hasher;

  NewUsers(UserStore users, PasswordHasher hasher) {
    this.users = users;
    this.hasher = hasher;
  }

  /** The new user; 400 for a field that breaks a rule, 409 when the email exists in any case. */
  StoredUser create(String email, String password, Optional<String> name, List<String> roles) {
    Emails.check(email);
    PasswordPolicy.checkNew(password);
    name.ifPresent(NewUsers::checkName);
    roles.forEach(Roles::check);
    if (users.findByEmail(email).isPresent()) {
      throw emailTaken();
    }
    String hash = hasher.hash(password);
    return users
        .create(new UserStore.NewUser(email, name, hash, roles))
        .orElseThrow(NewUsers::emailTaken);
  }

  private static void checkName(String name) {
    if (name.isBlank()) {
      throw AccountException.invalid("name must not be blank; leave it out instead");
    }
    if (name.length() > MAX_NAME) {
      throw AccountException.invalid("name is longer than " + MAX_NAME + " characters");
    }
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw AccountException.invalid("name contains a control character");
    }
  }

  private static AccountException emailTaken() {
    return AccountException.conflict("email_taken", "an account with this email exists");
  }
}
