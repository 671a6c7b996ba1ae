package dev.authgate.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built jar ({@code authgate.jar} system property, set by failsafe) started as its own process
 * on 127.0.0.1 and a free port, its output captured in a file. For *IT tests; close it to stop it.
 */
public final class JarProcess implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Process process;
  private final int port;
  private final Path dir;

  private JarProcess(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /**
   * Starts {@code java -jar authgate.jar args} with env on top of a loopback host and free port.
   */
  public static JarProcess start(Map<String, String> env, String... args) {
    try {
      Path dir = Files.createTempDirectory("authgate-jar");
      int port = freePort();
      ProcessBuilder builder = command(args).redirectErrorStream(true);
      builder.redirectOutput(dir.resolve("output.log").toFile());
      builder.environment().put("AUTH_HOST", "127.0.0.1");
      builder.environment().put("AUTH_PORT", String.valueOf(port));
      builder.environment().put("AUTH_DATA_DIR", dir.resolve("data").toString());
      builder.environment().putAll(env);
      JarProcess started = new JarProcess(builder.start(), port, dir);
      started.awaitLive();
      return started;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code java -jar authgate.jar args}, not started. */
  public static ProcessBuilder command(String... args) {
    String jar = System.getProperty("authgate.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("system property authgate.jar names no jar: " + jar);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** Everything the process printed so far. */
  public String output() {
    try {
      return Files.readString(dir.resolve("output.log"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitLive() {
    HttpClient http = HttpClient.newHttpClient();
    URI livez = URI.create("http://127.0.0.1:" + port + "/livez");
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("authgate exited at start:\n" + output());
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(livez).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep();
    }
    close();
    throw new IllegalStateException("authgate did not answer /livez within " + STARTUP);
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Asks the process to stop, as an orchestrator does (SIGTERM), and waits until it has. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      throw new AssertionError("authgate did not stop within 30 s of SIGTERM:\n" + output());
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    TempDirs.delete(dir);
  }
}
