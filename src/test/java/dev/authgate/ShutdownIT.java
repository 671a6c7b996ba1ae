package dev.authgate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.JarProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real jar stopped the way an orchestrator stops it, while it is busy. */
class ShutdownIT {
  private static final String EMAIL = "admin@shutdown.example";
  private static final String PASSWORD = "shutdown-password-not-secret";

  @Test
  void loginsInFlightWhenTheServiceStopsGetNoServerError() throws Exception {
    // Eight clients sign in to one account at once, and the per-account limit counts sign-ins in
    // flight: at the default of 5, three clients would spin on 429 and, on a busy machine, take
    // the CPU from bcrypt (nice 19) until no login finished before SIGTERM.
    try (JarProcess jar =
        JarProcess.start(
            Map.of(
                "AUTH_ADMIN_EMAIL", EMAIL,
                "AUTH_ADMIN_PASSWORD", PASSWORD,
                "AUTH_LOGIN_MAX_FAILURES", "16"))) {
      List<Integer> statuses = new CopyOnWriteArrayList<>();
      ExecutorService clients = Executors.newFixedThreadPool(8);
      for (int i = 0; i < 8; i++) {
        clients.execute(() -> logInUntilRefused(jar.port(), statuses));
      }
      // bcrypt takes tens of milliseconds: logins are always in flight when SIGTERM comes. The
      // first success shows they get through; on a busy machine that takes longer than usual.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!statuses.contains(200) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(500);
      jar.stop();
      clients.shutdown();
      assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

      assertThat(statuses).contains(200).doesNotContain(500);
      assertThat(jar.output()).doesNotContain("Database is already closed");
    }
  }

  /** Logs in again and again until the service no longer answers. */
  private static void logInUntilRefused(int port, List<Integer> statuses) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest login =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/auth/login"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}"))
            .build();
    while (true) {
      try {
        statuses.add(http.send(login, HttpResponse.BodyHandlers.discarding()).statusCode());
      } catch (IOException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
