package dev.authgate.proxy;

import dev.authgate.support.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A proxy server running as a child process in its own temporary directory, which holds its
 * configuration, logs and state. Closing it stops the process and removes the directory.
 */
final class ProxyProcess implements Proxy {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

  private final String name;
  private final Process process;
  private final Path dir;
  private final Path log;
  private final int port;

  private ProxyProcess(String name, Process process, Path dir, Path log, int port) {
    this.name = name;
    this.process = process;
    this.dir = dir;
    this.log = log;
    this.port = port;
  }

  /** A fresh temporary directory for a proxy's files. */
  static Path newDirectory(String name) {
    try {
      return Files.createTempDirectory("authgate-" + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port nothing listens on right now. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the command in {@code dir} and returns once it accepts connections on the port. */
  static ProxyProcess start(
      String name, List<String> command, Map<String, String> env, Path dir, int port) {
    Path log = dir.resolve(name + ".out");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    ProxyProcess started;
    try {
      started = new ProxyProcess(name, builder.start(), dir, log, port);
    } catch (IOException e) {
      TempDirs.delete(dir);
      throw new UncheckedIOException(e);
    }
    try {
      started.awaitPort();
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  private void awaitPort() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " at start:\n" + output());
      }
      if (accepts(port)) {
        return;
      }
      pause();
    }
    throw new IllegalStateException(
        name + " did not listen on port " + port + " within " + START_TIMEOUT + ":\n" + output());
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(could not read " + log + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      TempDirs.delete(dir);
    }
  }
}
