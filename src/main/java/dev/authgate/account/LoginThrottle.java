package dev.authgate.account;

import dev.authgate.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Limits failed logins per account and per client address, in memory. The account key is the email
 * as typed (lower-cased) whether or not such an account exists, so a 429 says nothing about
 * existence. A success clears the account's count; the address keeps its count, so one address
 * cannot try many accounts by succeeding on its own now and then.
 */
final class LoginThrottle {
  private final FailureWindow perAccount;
  private final FailureWindow perAddress;

  LoginThrottle(Settings.Accounts settings, Clock clock) {
    this.perAccount =
        new FailureWindow(settings.maxFailuresPerAccount(), settings.failureWindow(), clock);
    this.perAddress =
        new FailureWindow(settings.maxFailuresPerAddress(), settings.failureWindow(), clock);
  }

  /**
   * Counts an attempt against both limits before the password is checked, or refuses with 429 when
   * either is reached. A wrong password leaves it counted; {@link #succeeded} or {@link #abandoned}
   * takes it back.
   */
  void begin(String accountKey, String address) {
    Optional<Duration> account = perAccount.tryAcquire(accountKey);
    if (account.isPresent()) {
      throw AccountException.throttled(account.get());
    }
    Optional<Duration> client = perAddress.tryAcquire(address);
    if (client.isPresent()) {
      perAccount.release(accountKey);
      throw AccountException.throttled(client.get());
    }
  }

  void succeeded(String accountKey, String address) {
    perAccount.reset(accountKey);
    perAddress.release(address);
  }

  /** The attempt ended without checking the password (store down, pool full). */
  void abandoned(String accountKey, String address) {
    perAccount.release(accountKey);
    perAddress.release(address);
  }
}
