package dev.authgate.browser;

import dev.authgate.gate.Gate;
import dev.authgate.token.Verification;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.Optional;

/** The session this browser's cookie proves, decided by the gate exactly as /verify decides it. */
final class CurrentSession {
  private final Gate gate;

  CurrentSession(Gate gate) {
    this.gate = gate;
  }

  /** The verified cookie credential (not expired, not revoked), or empty. */
  Optional<Verification.Verified> of(Context ctx) {
    Verification v = gate.decide(null, Collections.list(ctx.req().getHeaders("Cookie")));
    return v instanceof Verification.Verified verified ? Optional.of(verified) : Optional.empty();
  }
}
