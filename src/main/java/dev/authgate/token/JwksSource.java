package dev.authgate.token;

import com.auth0.jwk.Jwk;
import java.util.List;

/** Where one issuer's JSON Web Key Set is fetched from. Each call fetches; callers cache. */
interface JwksSource {

  /** The keys the issuer publishes now. */
  List<Jwk> fetch() throws JwksUnavailable;

  /** The URL, for log lines. */
  String describe();
}
