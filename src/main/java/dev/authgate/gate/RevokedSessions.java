package dev.authgate.gate;

/**
 * The sessions that were signed out or revoked, as this instance knows them from memory. The verify
 * path asks it for every token with a session and never waits on a database to answer.
 */
public interface RevokedSessions {
  /** Nothing is revoked: an instance without a store. */
  RevokedSessions NONE = sessionId -> false;

  boolean isRevoked(String sessionId);
}
