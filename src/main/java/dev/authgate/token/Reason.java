package dev.authgate.token;

/** Why a credential was refused. The code is stable: it is used in metrics and logs. */
public enum Reason {
  NO_CREDENTIAL("no_credential"),
  MALFORMED("malformed"),
  ALGORITHM_NOT_ALLOWED("algorithm_not_allowed"),
  EMBEDDED_KEY("embedded_key"),
  UNSUPPORTED_CRITICAL_HEADER("unsupported_crit"),
  UNTRUSTED_ISSUER("untrusted_issuer"),
  UNKNOWN_KID("unknown_kid"),
  BAD_SIGNATURE("bad_signature"),
  MISSING_EXP("missing_exp"),
  EXPIRED("expired"),
  NOT_YET_VALID("not_yet_valid"),
  ISSUED_IN_FUTURE("issued_in_future"),
  AUDIENCE_MISMATCH("audience_mismatch"),
  MISSING_SUB("missing_sub"),
  REFRESH_TOKEN("refresh_token"),
  NOT_ACCESS_TOKEN("not_access_token"),
  REVOKED("revoked"),
  UNKNOWN_API_KEY("unknown_api_key"),
  API_KEY_REVOKED("api_key_revoked"),
  API_KEY_EXPIRED("api_key_expired");

  private final String code;

  Reason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
