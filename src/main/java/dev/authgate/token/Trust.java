package dev.authgate.token;

import dev.authgate.config.Settings;
import dev.authgate.keys.KeyRing;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Builds the list of issuers the gate trusts from the settings. */
public final class Trust {
  private Trust() {}

  public static List<TrustedIssuer> issuers(Settings settings, Supplier<KeyRing> keys) {
    return List.of(
        new TrustedIssuer(
            settings.tokens().issuer(),
            Set.of("RS256"),
            new LocalKeys(keys),
            settings.tokens().audience(),
            ClaimMapping.STANDARD,
            true));
  }
}
