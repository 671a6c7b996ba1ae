package dev.authgate.token;

import java.util.Optional;
import java.util.Set;

/**
 * An issuer whose tokens the gate accepts, and exactly how: which algorithms, which keys, which
 * audience, and how its claims map to an identity.
 *
 * @param requireAccessType whether tokens must carry {@code "type":"access"}, as authgate's own do
 */
public record TrustedIssuer(
    String issuer,
    Set<String> algorithms,
    KeySource keys,
    Optional<String> audience,
    ClaimMapping claims,
    boolean requireAccessType) {}
