package dev.authgate.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A user as the store holds it, with the roles and permissions granted to them, sorted. */
public record StoredUser(
    UUID id,
    String email,
    Optional<String> name,
    String passwordHash,
    boolean active,
    List<String> roles,
    List<String> permissions,
    Instant createdAt) {}
