package dev.authgate.gate;

import dev.authgate.token.Identity;
import dev.authgate.token.Verification;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development headers: with AUTH_DEV_HEADERS=true, a request without a credential may say who it is
 * with {@code X-Dev-User-Id}, {@code X-Dev-Permissions} and {@code X-Dev-Roles} (comma-separated; a
 * permission {@code *} grants every permission). Anyone who can reach the gate can then be anyone,
 * so the loader refuses it in production, and every use is logged as a warning.
 */
public final class DevHeaders {
  public static final String USER_ID = "X-Dev-User-Id";
  public static final String PERMISSIONS = "X-Dev-Permissions";
  public static final String ROLES = "X-Dev-Roles";
  private static final Logger log = LoggerFactory.getLogger(DevHeaders.class);

  /** Development headers are ignored. */
  public static final DevHeaders OFF = new DevHeaders(false, Clock.systemUTC());

  private final boolean enabled;
  private final Clock clock;

  private DevHeaders(boolean enabled, Clock clock) {
    this.enabled = enabled;
    this.clock = clock;
  }

  /** Development headers as the settings say; when they are on, a warning says so now. */
  public static DevHeaders of(boolean enabled, Clock clock) {
    if (!enabled) {
      return OFF;
    }
    log.warn(
        "DEVELOPMENT HEADERS ON (AUTH_DEV_HEADERS=true): any caller may choose its identity with"
            + " {}; never use this where the gate is reachable by anyone but you",
        USER_ID);
    return new DevHeaders(true, clock);
  }

  /** The identity the headers claim, when they are on and present. */
  Optional<Verification> identify(UnaryOperator<String> header) {
    if (!enabled) {
      return Optional.empty();
    }
    String user = header.apply(USER_ID);
    if (user == null || user.isBlank()) {
      return Optional.empty();
    }
    Identity identity =
        new Identity(
            user.trim(),
            Optional.empty(),
            list(header.apply(ROLES)),
            list(header.apply(PERMISSIONS)));
    log.warn(
        "development headers used: {}={} roles={} permissions={}",
        USER_ID,
        identity.userId(),
        identity.roles(),
        identity.permissions());
    return Optional.of(
        new Verification.Verified(identity, "development headers", null, clock.instant()));
  }

  private static List<String> list(String value) {
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
