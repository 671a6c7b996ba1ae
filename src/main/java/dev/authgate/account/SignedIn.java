package dev.authgate.account;

import dev.authgate.store.StoredUser;
import dev.authgate.token.TokenIssuer;
import java.util.UUID;

/**
 * A session begun or continued: the user as the store has them now, a fresh access and refresh
 * token, and the session family that signing out revokes (the {@code sid} of both tokens).
 */
public record SignedIn(
    StoredUser user, TokenIssuer.Issued access, TokenIssuer.Issued refresh, UUID familyId) {}
