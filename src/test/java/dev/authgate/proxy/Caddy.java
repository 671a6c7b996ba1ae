package dev.authgate.proxy;

import dev.authgate.support.TempDirs;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real Caddy in front of an app, running deploy/caddy/Caddyfile exactly as shipped: the addresses
 * reach it through the environment variables the file reads, and its state, config autosave and
 * logs stay in its temporary directory.
 */
public final class Caddy {
  private Caddy() {}

  /** Starts Caddy on a free loopback port in front of {@code app}, asking {@code authgate}. */
  public static Proxy start(InetSocketAddress authgate, InetSocketAddress app) {
    Path dir = ProxyProcess.newDirectory("caddy");
    int port = ProxyProcess.freePort();
    return ProxyProcess.start(
        "caddy", command("run"), environment(dir, port, authgate, app), dir, port);
  }

  /** {@code caddy validate} on the shipped Caddyfile with these addresses. */
  static Commands.Result check(InetSocketAddress authgate, InetSocketAddress app) {
    Path dir = ProxyProcess.newDirectory("caddy-check");
    try {
      return Commands.run(
          command("validate"), environment(dir, ProxyProcess.freePort(), authgate, app));
    } finally {
      TempDirs.delete(dir);
    }
  }

  private static List<String> command(String subcommand) {
    return List.of(
        Executables.find("caddy").toString(),
        subcommand,
        "--config",
        ShippedConfig.CADDYFILE.toAbsolutePath().toString(),
        "--adapter",
        "caddyfile");
  }

  private static Map<String, String> environment(
      Path dir, int port, InetSocketAddress authgate, InetSocketAddress app) {
    return Map.of(
        "CADDY_PORT", Integer.toString(port),
        "CADDY_BIND", "127.0.0.1",
        "CADDY_STORAGE_DIR", dir.resolve("storage").toString(),
        "AUTHGATE_ADDR", ShippedConfig.hostPort(authgate),
        "APP_ADDR", ShippedConfig.hostPort(app),
        "HOME", dir.toString(),
        "XDG_CONFIG_HOME", dir.resolve("config").toString(),
        "XDG_DATA_HOME", dir.resolve("data").toString());
  }
}
