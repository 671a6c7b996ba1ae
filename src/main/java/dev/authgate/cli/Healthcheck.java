package dev.authgate.cli;

import dev.authgate.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code authgate healthcheck}: asks the authgate on this machine's configured port for /livez and
 * exits 0 only on 200. It exists for the container HEALTHCHECK, because the slim runtime image has
 * no curl or wget and should not need one.
 */
public final class Healthcheck {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private Healthcheck() {}

  public static int run(Settings settings, PrintStream out, PrintStream err) {
    URI uri = URI.create("http://127.0.0.1:" + settings.server().port() + "/livez");
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        out.println("authgate healthcheck: " + uri + " answered 200");
        return 0;
      }
      err.println("authgate healthcheck: " + uri + " answered " + response.statusCode());
      return 1;
    } catch (IOException e) {
      err.println("authgate healthcheck: " + uri + " did not answer: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
