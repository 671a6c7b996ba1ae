package dev.authgate.cli;

import dev.authgate.account.UserCommand;
import dev.authgate.config.Settings;
import dev.authgate.store.StoredUser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code authgate user add --email E [--role R]... [--name N]}: creates the user with the password
 * read from the first line of standard input (never from an argument, which other users of the
 * machine could see), or, when the user exists, grants the roles.
 */
public final class UserAdd {
  static final String USAGE =
      "usage: java -jar authgate.jar user add --email EMAIL [--role ROLE]... [--name NAME]"
          + "  (password on standard input)";

  private UserAdd() {}

  public static int run(
      String[] args, InputStream in, PrintStream out, PrintStream err, Settings settings) {
    Optional<Request> request = Request.parse(args);
    if (request.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    Request r = request.get();
    try (UserCommand users = new UserCommand(settings, Clock.systemUTC())) {
      Optional<StoredUser> existing = users.find(r.email);
      StoredUser user =
          existing.isPresent()
              ? users.grant(existing.get(), r.roles)
              : users.add(r.email, readPassword(in), r.name, r.roles);
      out.println(
          "authgate user: "
              + (existing.isPresent() ? "granted " : "created ")
              + user.email()
              + " ("
              + user.id()
              + ") roles "
              + user.roles()
              + " in "
              + users.describeStore());
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("authgate user: " + e.getMessage());
      return 1;
    }
  }

  private static String readPassword(InputStream in) throws IOException {
    String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    if (line == null) {
      throw new IOException("no password on standard input: echo the password into the command");
    }
    return line;
  }

  private record Request(String email, List<String> roles, Optional<String> name) {
    static Optional<Request> parse(String[] args) {
      if (args.length < 3 || !args[0].equals("add") || args.length % 2 == 0) {
        return Optional.empty();
      }
      String email = null;
      String name = null;
      List<String> roles = new ArrayList<>();
      for (int i = 1; i < args.length; i += 2) {
        switch (args[i]) {
          case "--email" -> email = args[i + 1];
          case "--name" -> name = args[i + 1];
          case "--role" -> roles.add(args[i + 1]);
          default -> {
            return Optional.empty();
          }
        }
      }
      if (!roles.contains("user")) {
        roles.add(0, "user");
      }
      return email == null
          ? Optional.empty()
          : Optional.of(new Request(email, List.copyOf(roles), Optional.ofNullable(name)));
    }
  }
}
