package dev.authgate.web;

/** One dependency that /healthz reports on. */
public interface HealthCheck {
  String name();

  /** A short status: "ok" when healthy, otherwise what is wrong. */
  String status();

  default boolean healthy() {
    return "ok".equals(status());
  }
}
