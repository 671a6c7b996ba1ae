package dev.authgate.token;

/** Answers whether a token is accepted, and who it names; thread-safe. */
public interface Verifier {

  /** The identity in the token, or the first reason it is refused. */
  Verification verify(String token);
}
