package dev.authgate.cli;

import dev.authgate.keys.KeyPairFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** {@code authgate keygen --out DIR}: a new key pair, named by date so the newest signs. */
public final class Keygen {
  private Keygen() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 2 || !args[0].equals("--out")) {
      err.println("usage: java -jar authgate.jar keygen --out DIR");
      return 2;
    }
    Path dir = Path.of(args[1]);
    String name =
        "authgate-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    try {
      String kid = KeyPairFiles.write(KeyPairFiles.generate(), dir, name);
      out.println(
          "wrote "
              + dir.resolve(name + ".pem")
              + " (private, mode 0600) and "
              + dir.resolve(name + ".pub.pem"));
      out.println("kid " + kid);
      out.println(
          "mount the directory and set AUTH_KEYS_DIR to it; replicas that only verify"
              + " need just the .pub.pem file");
      return 0;
    } catch (IOException e) {
      err.println("authgate keygen: cannot write to " + dir + ": " + e.getMessage());
      return 1;
    }
  }
}
