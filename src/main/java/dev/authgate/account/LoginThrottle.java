package dev.authgate.account;

import dev.authgate.config.Settings;
import java.time.Clock;
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
   * Counts an attempt in flight against both limits before the password is checked, unless either
   * is reached. Each attempt begun ends with exactly one of {@link #failed}, {@link #succeeded} or
   * {@link #abandoned}.
   *
   * @return why the attempt is refused; empty when it is counted and may go on
   */
  Optional<FailureWindow.Refusal> begin(String accountKey, String address) {
    Optional<FailureWindow.Refusal> account = perAccount.tryBegin(accountKey);
    if (account.isPresent()) {
      return account;
    }
    Optional<FailureWindow.Refusal> client = perAddress.tryBegin(address);
    if (client.isPresent()) {
      perAccount.withdrawn(accountKey);
    }
    return client;
  }

  void failed(String accountKey, String address) {
    perAccount.failed(accountKey);
    perAddress.failed(address);
  }

  void succeeded(String accountKey, String address) {
    perAccount.forgiven(accountKey);
    perAddress.withdrawn(address);
  }

  /** The attempt ended without checking the password (store down, pool full). */
  void abandoned(String accountKey, String address) {
    perAccount.withdrawn(accountKey);
    perAddress.withdrawn(address);
  }
}
