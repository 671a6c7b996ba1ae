package dev.authgate.bench;

import dev.authgate.Authgate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One whole GET /verify with a repeated token, read and answered by the server's VerifyConnection
 * (it reaches neither Jetty's parser nor Javalin), on one keep-alive connection to the real service
 * in this JVM. The client sends prepared bytes from a direct buffer and reads into another, so
 * nearly all the bytes -prof gc counts per operation (it sums every thread) are the server's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HttpVerifyBench {
  private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};
  private static final byte[] CONTENT_LENGTH =
      "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);

  private Authgate service;
  private Path dataDir;
  private SocketChannel channel;
  private ByteBuffer request;
  private final ByteBuffer received = ByteBuffer.allocateDirect(16 * 1024);
  private final byte[] buffer = new byte[16 * 1024];

  @Setup
  public void setUp() throws Exception {
    dataDir = Files.createTempDirectory("authgate-jmh");
    service =
        Authgate.start(
            BenchFixture.settings(
                Map.of(
                    "AUTH_HOST", "127.0.0.1",
                    "AUTH_PORT", "0",
                    "AUTH_DATA_DIR", dataDir.toString(),
                    "LOG_LEVEL", "WARN")),
            Clock.systemUTC());
    String token = new BenchFixture().token;
    byte[] bytes =
        ("GET /verify HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    request = ByteBuffer.allocateDirect(bytes.length).put(bytes);
    channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", service.port()));
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    if (verify() != 200) {
      throw new IllegalStateException("the bench token was refused");
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    channel.close();
    service.close();
    try (var files = Files.walk(dataDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public int verify() throws IOException {
    request.rewind();
    while (request.hasRemaining()) {
      channel.write(request);
    }
    int length = 0;
    int end;
    while ((end = indexOf(buffer, length, END_OF_HEADERS)) < 0) {
      length += read(length);
    }
    int body = contentLength(buffer, end);
    for (int have = length - end - END_OF_HEADERS.length; have < body; ) {
      have += read(0);
    }
    return status(buffer);
  }

  /** Reads what has arrived into buffer at offset; returns how many bytes. */
  private int read(int offset) throws IOException {
    received.clear();
    int n = channel.read(received);
    if (n < 0) {
      throw new IOException("the server closed the connection");
    }
    received.flip();
    received.get(buffer, offset, Math.min(n, buffer.length - offset));
    return n;
  }

  private static int status(byte[] b) {
    return (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
  }

  private static int indexOf(byte[] b, int length, byte[] what) {
    for (int i = 0; i + what.length <= length; i++) {
      if (b[i] == what[0] && b[i + 1] == what[1] && b[i + 2] == what[2] && b[i + 3] == what[3]) {
        return i;
      }
    }
    return -1;
  }

  /** The Content-Length among the headers before end; the service always sends one. */
  private static int contentLength(byte[] b, int end) throws IOException {
    outer:
    for (int i = 0; i + CONTENT_LENGTH.length <= end; i++) {
      for (int j = 0; j < CONTENT_LENGTH.length; j++) {
        if (Character.toLowerCase(b[i + j]) != CONTENT_LENGTH[j]) {
          continue outer;
        }
      }
      int value = 0;
      for (int k = i + CONTENT_LENGTH.length; k < end && b[k] != '\r'; k++) {
        if (b[k] >= '0' && b[k] <= '9') {
          value = value * 10 + (b[k] - '0');
        }
      }
      return value;
    }
    throw new IOException("the answer has no Content-Length");
  }
}
