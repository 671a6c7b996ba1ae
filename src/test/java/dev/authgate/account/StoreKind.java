package dev.authgate.account;

import java.util.HashMap;
import java.util.Map;

/** The two stores every account test runs against, and the variables that select each. */
enum StoreKind {
  EMBEDDED,
  POSTGRES;

  /** Variables for a server on a fresh store of this kind; {@link #release} drops it after. */
  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("AUTH_BCRYPT_ROUNDS", "4");
    if (this == POSTGRES) {
      env.put("AUTH_DATABASE_URL", PostgresDatabases.create());
    }
    return env;
  }

  /** Drops the store {@link #env} made; nothing when the test was skipped before it made one. */
  void release(Map<String, String> env) {
    if (this == POSTGRES && env != null && env.containsKey("AUTH_DATABASE_URL")) {
      PostgresDatabases.drop(env.get("AUTH_DATABASE_URL"));
    }
  }
}
