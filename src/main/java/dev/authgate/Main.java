package dev.authgate;

import dev.authgate.cli.ApiKeyCommand;
import dev.authgate.cli.Diagnose;
import dev.authgate.cli.Healthcheck;
import dev.authgate.cli.Keygen;
import dev.authgate.cli.Migrate;
import dev.authgate.cli.UserAdd;
import dev.authgate.config.ConfigException;
import dev.authgate.config.Settings;
import dev.authgate.config.SettingsLoader;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;

/** Entry point: {@code authgate [serve|keygen|diagnose] ...}; serve is the default. */
public final class Main {
  static final String USAGE =
      """
      usage: java -jar authgate.jar [command] [options]

      commands:
        serve                     run the server (the default); configured by AUTH_* variables
        keygen --out DIR          write a new RSA key pair in the format AUTH_KEYS_DIR reads
        diagnose [TOKEN]          explain whether /verify would accept a token (or read it from
                                  stdin), and every reason it would not; exit 0 only if it passes
        healthcheck               exit 0 if the authgate on AUTH_PORT answers /livez (for Docker)
        migrate                   create or upgrade the store's schema, then exit
        user add --email EMAIL [--role ROLE]... [--name NAME]
                                  create a user (password on stdin), or grant roles to one
        apikey create --principal NAME [--scope SCOPE]... [--expires 90d]
                                  create an API key of a service principal (printed once)
        apikey list | apikey revoke PREFIX
                                  list API keys (never the keys), or revoke one
        --help                    this text

      Every setting is an environment variable; see README.md for the table.
      """;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "serve" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    try {
      return switch (command) {
        case "serve" -> serve();
        case "keygen" -> Keygen.run(rest, out, err);
        case "migrate" -> Migrate.run(settings(), out, err);
        case "user" -> UserAdd.run(rest, System.in, out, err, settings());
        case "apikey" -> ApiKeyCommand.run(rest, out, err, settings());
        case "diagnose" -> Diagnose.run(rest, System.in, out, err, settings(), Clock.systemUTC());
        case "healthcheck" -> Healthcheck.run(settings(), out, err);
        case "--help", "-h", "help" -> {
          out.print(USAGE);
          yield 0;
        }
        default -> {
          err.println("authgate: unknown command \"" + command + "\"");
          err.print(USAGE);
          yield 2;
        }
      };
    } catch (ConfigException e) {
      for (String line : e.getMessage().split("\n")) {
        err.println("authgate: configuration error: " + line);
      }
      return 2;
    }
  }

  private static Settings settings() {
    return SettingsLoader.load(System.getenv());
  }

  private static int serve() {
    Settings settings = settings();
    // Logback reads this when the first logger is created, which is after this line.
    System.setProperty("authgate.log.format", settings.server().logFormat());
    Authgate service = Authgate.start(settings, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "shutdown"));
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
