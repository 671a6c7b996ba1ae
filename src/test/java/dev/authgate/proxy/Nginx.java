package dev.authgate.proxy;

import dev.authgate.support.TempDirs;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Nginx in front of an app, configured with deploy/nginx/authgate.conf and its snippet
 * filled in the way the README's envsubst line fills them. Everything Nginx writes (pid, logs,
 * temporary files) stays in its temporary directory.
 */
public final class Nginx {
  private Nginx() {}

  /** Starts Nginx on a free loopback port in front of {@code app}, asking {@code authgate}. */
  public static Proxy start(InetSocketAddress authgate, InetSocketAddress app) {
    Path dir = ProxyProcess.newDirectory("nginx");
    int port = ProxyProcess.freePort();
    Path conf = configure(dir, port, authgate, app);
    List<String> command = command(dir, conf, "-g", "daemon off;");
    return ProxyProcess.start("nginx", command, Map.of(), dir, port);
  }

  /** {@code nginx -t} on the shipped files, filled with these addresses. */
  static Commands.Result check(InetSocketAddress authgate, InetSocketAddress app) {
    Path dir = ProxyProcess.newDirectory("nginx-check");
    try {
      Path conf = configure(dir, ProxyProcess.freePort(), authgate, app);
      return Commands.run(command(dir, conf, "-t"), Map.of());
    } finally {
      TempDirs.delete(dir);
    }
  }

  private static List<String> command(Path dir, Path conf, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Executables.find("nginx").toString(),
                "-p",
                dir + "/",
                "-c",
                conf.toString(),
                "-e",
                dir.resolve("error.log").toString()));
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Writes the main configuration, which holds only what a test run needs (one process, files in
   * the directory), and includes the shipped site and snippet.
   */
  private static Path configure(
      Path dir, int port, InetSocketAddress authgate, InetSocketAddress app) {
    String site =
        ShippedConfig.fill(
            ShippedConfig.read(ShippedConfig.NGINX_SITE),
            Map.of(
                "NGINX_LISTEN", "127.0.0.1:" + port,
                "AUTHGATE_ADDR", ShippedConfig.hostPort(authgate),
                "APP_ADDR", ShippedConfig.hostPort(app)));
    ShippedConfig.write(dir.resolve("conf.d/authgate.conf"), site);
    ShippedConfig.write(
        dir.resolve("snippets/authgate-verify.conf"),
        ShippedConfig.read(ShippedConfig.NGINX_VERIFY_SNIPPET));
    Path conf = dir.resolve("nginx.conf");
    ShippedConfig.createDirectory(dir.resolve("temp"));
    ShippedConfig.write(conf, mainConfig(dir));
    return conf;
  }

  private static String mainConfig(Path dir) {
    String temp = dir.resolve("temp").toString();
    return String.join(
        "\n",
        "master_process off;",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("error.log") + " info;",
        "events { worker_connections 256; }",
        "http {",
        "  access_log " + dir.resolve("access.log") + ";",
        "  client_body_temp_path " + temp + "/body;",
        "  proxy_temp_path " + temp + "/proxy;",
        "  fastcgi_temp_path " + temp + "/fastcgi;",
        "  uwsgi_temp_path " + temp + "/uwsgi;",
        "  scgi_temp_path " + temp + "/scgi;",
        "  include conf.d/authgate.conf;",
        "}",
        "");
  }
}
