package dev.authgate.token;

import dev.authgate.config.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HS256 shared secrets: the current one, and during a rotation the previous one, both tried
 * whatever the kid says. They only ever verify HS256, so a token that names an RSA or EC algorithm
 * can never get a public key used as an HMAC secret.
 */
final class SecretKeys implements KeySource {
  private final List<SignatureKey> verifiers;

  SecretKeys(Secret current, Optional<Secret> old) {
    List<SignatureKey> all = new ArrayList<>();
    all.add(SignatureKey.hmac256(current.bytes()));
    old.ifPresent(s -> all.add(SignatureKey.hmac256(s.bytes())));
    this.verifiers = List.copyOf(all);
  }

  @Override
  public Lookup find(String kid, String algorithm) {
    return Lookup.of(verifiers);
  }

  @Override
  public List<String> knownKids() {
    return List.of();
  }
}
