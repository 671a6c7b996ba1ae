package dev.authgate.account;

import dev.authgate.config.Settings;
import dev.authgate.store.Database;
import dev.authgate.store.StoredUser;
import dev.authgate.store.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code authgate user add}: creates a user, or gives an existing one more roles, directly in the
 * store and without a running server; this is how the first admin is made.
 */
public final class UserCommand implements AutoCloseable {
  private final Database database;
  private final UserStore users;
  private final PasswordHasher hasher;

  public UserCommand(Settings settings, Clock clock) {
    this.database = Database.open(settings.store(), settings.dataDir());
    this.users = new UserStore(database, clock);
    this.hasher = new PasswordHasher(settings.accounts().bcryptRounds(), 1, 0);
  }

  public Optional<StoredUser> find(String email) {
    return users.findByEmail(Emails.check(email));
  }

  public StoredUser add(String email, String password, Optional<String> name, List<String> roles) {
    return new NewUsers(users, hasher).create(email, password, name, roles);
  }

  public StoredUser grant(StoredUser user, List<String> roles) {
    StoredUser after = user;
    for (String role : roles) {
      after = users.grantRole(user.id(), Roles.check(role)).orElseThrow();
    }
    return after;
  }

  public String describeStore() {
    return database.describe();
  }

  @Override
  public void close() {
    hasher.close();
    database.close();
  }
}
