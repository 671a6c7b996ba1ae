package dev.authgate.web;

import dev.authgate.gate.VerifyAnswer;
import dev.authgate.gate.VerifyRequest;
import dev.authgate.observe.RequestIds;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection that answers the plainest /verify requests itself, from the bytes it reads, and
 * hands itself over to Jetty's HTTP/1.1 connection at the first request it does not take.
 *
 * <p>Why: a proxy's /verify request carries a token of ~700 bytes, and Jetty's parser reads headers
 * byte by byte through a general state machine; in profiles it took a third of the CPU of a
 * repeated token, more than the rest of the answer. {@link RequestHead} reads the form proxies
 * actually send in one tight pass. Anything else (another path, a body, HTTP/1.0, {@code
 * Connection: close}, an unusual byte) goes to Jetty with the bytes not yet answered, so every
 * corner of HTTP keeps Jetty's handling, and the connection stays Jetty's from then on.
 *
 * <p>It runs on the thread that reads the connection, which answers what is ready in memory. A
 * token not yet verified moves the connection to the server's pool until it is answered; it reads
 * no further request meanwhile, so answers keep the order of the requests.
 */
final class VerifyConnection extends AbstractConnection.NonBlocking
    implements Connection.UpgradeFrom {
  private static final Logger log = LoggerFactory.getLogger(VerifyConnection.class);
  private static final byte[] CONTENT_LENGTH =
      "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CRLF = {'\r', '\n'};

  private final Connector connector;
  private final ConnectionFactory jetty;
  private final int bufferSize;
  private final VerifyEndpoint verify;
  private final RequestLog requests;
  private final Executor pool;
  private final RequestHead head = new RequestHead();

  /**
   * Whether the pool is verifying a token for this connection, and whether bytes came meanwhile.
   */
  private enum Verifying {
    NO,
    YES,
    AND_FILLABLE
  }

  private final AtomicReference<Verifying> verifying = new AtomicReference<>(Verifying.NO);

  /** Held only while it holds bytes, as Jetty's own connection does; null otherwise. */
  private RetainableByteBuffer buffer;

  private ByteBuffer in;
  private String remoteAddress;

  /**
   * @param bufferSize at most what Jetty's connection takes over in one piece
   * @param pool the threads that verify a token not answered before
   */
  VerifyConnection(
      Connector connector,
      EndPoint endPoint,
      ConnectionFactory jetty,
      int bufferSize,
      VerifyEndpoint verify,
      RequestLog requests,
      Executor pool) {
    super(endPoint, connector.getExecutor());
    this.connector = connector;
    this.jetty = jetty;
    this.bufferSize = bufferSize;
    this.verify = verify;
    this.requests = requests;
    this.pool = pool;
  }

  @Override
  public void onOpen() {
    super.onOpen();
    fillInterested();
  }

  @Override
  public void onFillable() {
    // While the pool verifies, the request after it waits for the answer; the pool reads it then.
    if (!verifying.compareAndSet(Verifying.YES, Verifying.AND_FILLABLE)) {
      proceed();
    }
  }

  /**
   * Answers and reads until there is nothing more to read, or until the pool, a pending write or
   * Jetty has the connection. Only one thread at a time runs it: the one that reads, or the one
   * that answers a new token while nothing is read.
   */
  private void proceed() {
    try {
      while (serve()) {
        if (buffer == null) {
          acquire();
        } else {
          BufferUtil.compact(in);
        }
        int filled = getEndPoint().fill(in);
        if (filled > 0) {
          continue;
        }
        if (!in.hasRemaining()) {
          release();
        }
        if (filled < 0) {
          getEndPoint().close();
        } else {
          fillInterested();
        }
        return;
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  /** Closes the connection; a failure other than the peer's going away is a bug, and says so. */
  private void fail(Exception e) {
    if (e instanceof IOException) {
      log.debug("closing a connection that failed", e);
    } else {
      log.warn("closing a connection after an unexpected failure", e);
    }
    getEndPoint().close(e);
  }

  /**
   * Answers the complete requests in the buffer.
   *
   * @return whether to read more; false when the pool, a pending write or Jetty has the connection
   */
  private boolean serve() throws IOException {
    while (in != null && in.hasRemaining()) {
      int offset = in.arrayOffset();
      RequestHead.Outcome outcome =
          head.read(in.array(), offset + in.position(), offset + in.limit());
      if (outcome == RequestHead.Outcome.INCOMPLETE && in.remaining() < bufferSize) {
        return true;
      }
      if (outcome != RequestHead.Outcome.READ || !plain(head)) {
        handOver();
        return false;
      }
      in.position(head.end() - offset);
      if (!answer(new Exchange(head, remoteAddress()))) {
        return false;
      }
    }
    return true;
  }

  private boolean plain(RequestHead head) {
    if (!head.pathIs(RequestLog.VERIFY) || head.count("Host") != 1 || !head.hostIsPlain()) {
      return false;
    }
    if (head.count("Transfer-Encoding") != 0
        || head.count("Expect") != 0
        || head.count("Upgrade") != 0) {
      return false;
    }
    int lengths = head.count("Content-Length");
    if (lengths > 1 || (lengths == 1 && !"0".equals(head.header("Content-Length")))) {
      return false;
    }
    int connections = head.count("Connection");
    if (connections > 1
        || (connections == 1 && !"keep-alive".equalsIgnoreCase(head.header("Connection")))) {
      return false;
    }
    String method = head.method();
    // HEAD's answer has no body; Jetty knows how to leave it out.
    return !"HEAD".equals(method) && verify.methods().contains(method);
  }

  /**
   * Answers the request just read if the answer is ready in memory, else has the pool answer it.
   *
   * @return whether the answer is written and the next request may be read
   */
  private boolean answer(Exchange exchange) throws IOException {
    ByteBuffer answer = exchange.answer(false);
    if (answer != null) {
      return write(answer, this::proceed);
    }
    // The next request is waited for here, on the reading thread, where asking costs nothing:
    // asked from the pool after the answer, it cost a wake-up of this thread per request.
    boolean waitHere = !in.hasRemaining();
    verifying.set(Verifying.YES);
    pool.execute(
        () -> {
          try {
            if (write(exchange.answer(true), () -> answered(waitHere))) {
              answered(waitHere);
            }
          } catch (IOException | RuntimeException e) {
            fail(e);
          }
        });
    if (waitHere) {
      fillInterested();
    }
    return false;
  }

  /**
   * Goes on after a verified token's answer is written: the reading thread reads the next request
   * if it was waiting for it and none came meanwhile; otherwise this thread reads on.
   */
  private void answered(boolean waitedHere) {
    if (verifying.getAndSet(Verifying.NO) == Verifying.YES && waitedHere) {
      return;
    }
    proceed();
  }

  /**
   * Writes an answer.
   *
   * @param then what goes on, on the pool, once the rest is written when the socket was full
   * @return whether it is written; false when the socket was full and the rest is on its way
   */
  private boolean write(ByteBuffer answer, Runnable then) throws IOException {
    if (getEndPoint().flush(answer)) {
      return true;
    }
    getEndPoint().write(Callback.from(() -> pool.execute(then), getEndPoint()::close), answer);
    return false;
  }

  private void handOver() {
    getEndPoint().upgrade(jetty.newConnection(connector, getEndPoint()));
  }

  /** The bytes read but not answered, for Jetty's connection. */
  @Override
  public ByteBuffer onUpgradeFrom() {
    if (in == null || !in.hasRemaining()) {
      release();
      return null;
    }
    ByteBuffer rest = ByteBuffer.allocate(in.remaining());
    rest.put(in).flip();
    release();
    return rest;
  }

  private void acquire() {
    buffer = connector.getByteBufferPool().acquire(bufferSize, false);
    ByteBuffer pooled = buffer.getByteBuffer();
    // Never more than Jetty's connection takes over: it would drop the rest.
    in = pooled.capacity() > bufferSize ? pooled.slice(0, bufferSize) : pooled;
    BufferUtil.clear(in);
  }

  private void release() {
    if (buffer != null) {
      buffer.release();
      buffer = null;
      in = null;
    }
  }

  private String remoteAddress() {
    if (remoteAddress == null) {
      SocketAddress address = getEndPoint().getRemoteSocketAddress();
      remoteAddress =
          address instanceof InetSocketAddress inet
              ? Request.getHostName(inet)
              : String.valueOf(address);
    }
    return remoteAddress;
  }

  /** One /verify request read here, with what the answer and the log need of it. */
  private final class Exchange implements VerifyRequest {
    private final long started = System.nanoTime();
    private final RequestHead head;
    private final String method;
    private final String path;
    private final String remote;
    private final String requestId;
    private final String traceparent;

    Exchange(RequestHead head, String remote) {
      this.head = head;
      this.method = head.method();
      this.path = head.path();
      this.remote = remote;
      this.requestId = RequestIds.requestId(head.header(RequestIds.REQUEST_ID));
      this.traceparent = head.header(RequestIds.TRACEPARENT);
    }

    /**
     * The answer's bytes, unless it may not wait and the answer is not ready in memory. A failure
     * is answered with 500, as on every other route.
     */
    ByteBuffer answer(boolean mayWait) {
      requests.enter(requestId, traceparent);
      VerifyAnswer answer;
      try {
        answer = mayWait ? verify.decide(this) : verify.decideFromMemory(this);
      } catch (RuntimeException e) {
        log.error("unexpected failure on {} {}", method, path, e);
        HttpFields.Mutable headers = HttpFields.build().put(JsonBodies.CONTENT_TYPE);
        return respond(500, headers, DirectRoute.Answered.failure());
      }
      if (answer == null) {
        requests.leave();
        return null;
      }
      HttpFields.Mutable headers = HttpFields.build();
      return respond(answer.status(), headers, verify.write(answer, headers));
    }

    private ByteBuffer respond(int status, HttpFields.Mutable headers, DirectRoute.Answered a) {
      headers.put(RequestIds.REQUEST_ID, requestId);
      // Logged before the write: once the answer is sent, the buffer may hold the next request.
      requests.end(
          new RequestLog.Handled(
              method,
              path,
              RequestLog.VERIFY,
              status,
              System.nanoTime() - started,
              remote,
              a.reason(),
              a.user(),
              head::header));
      return encode(status, headers, a.body());
    }

    @Override
    public String method() {
      return method;
    }

    @Override
    public String scheme() {
      return "http";
    }

    @Override
    public String remoteAddress() {
      return remote;
    }

    @Override
    public String header(String name) {
      return head.header(name);
    }

    @Override
    public List<String> headers(String name) {
      return head.headers(name);
    }
  }

  /** The answer as Jetty would write it: the same status line, Date and header encoding. */
  private ByteBuffer encode(int status, HttpFields headers, ByteBuffer body) {
    HttpField date = connector.getServer().getDateField();
    String statusLine = "HTTP/1.1 " + status + " " + HttpStatus.getMessage(status) + "\r\n";
    int size = statusLine.length() + fieldSize(date) + CONTENT_LENGTH.length + 16;
    for (HttpField field : headers) {
      size += fieldSize(field);
    }
    ByteBuffer out = ByteBuffer.allocate(size + body.remaining());
    out.put(statusLine.getBytes(StandardCharsets.US_ASCII));
    HttpGenerator.putTo(date, out);
    for (HttpField field : headers) {
      HttpGenerator.putTo(field, out);
    }
    out.put(CONTENT_LENGTH)
        .put(Integer.toString(body.remaining()).getBytes(StandardCharsets.US_ASCII));
    out.put(CRLF).put(CRLF).put(body.duplicate());
    return out.flip();
  }

  private static int fieldSize(HttpField field) {
    return field.getName().length() + field.getValue().length() + 4;
  }
}
