package dev.authgate.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The head of one HTTP/1.1 request in the plainest form a proxy sends to /verify, read straight
 * from the connection's bytes. It is deliberately narrow: whatever it does not take (another
 * version, a body, a folded header, a control character, a bare LF, a head not complete yet) it
 * leaves to Jetty's full parser, which then answers exactly as for any other request.
 */
final class RequestHead {
  /** More header lines than a proxy sends; a request with more goes to Jetty. */
  static final int MAX_FIELDS = 64;

  private static final byte[] VERSION = "HTTP/1.1".getBytes(StandardCharsets.US_ASCII);

  /** Whether a byte may appear in a method or a header name (RFC 9110's tchar). */
  private static final boolean[] TOKEN = new boolean[256];

  /** Whether a byte may appear in a plain Host value: a name, an address, [IPv6] and :port. */
  private static final boolean[] HOST = new boolean[256];

  static {
    for (int c = 'a'; c <= 'z'; c++) {
      TOKEN[c] = HOST[c] = true;
      TOKEN[c - 'a' + 'A'] = HOST[c - 'a' + 'A'] = true;
    }
    for (int c = '0'; c <= '9'; c++) {
      TOKEN[c] = HOST[c] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TOKEN[c] = true;
    }
    for (char c : "-._:[]".toCharArray()) {
      HOST[c] = true;
    }
  }

  /** What {@link #read} found. */
  enum Outcome {
    /** A complete head of the plain form, ready in this object. */
    READ,
    /** The bytes so far are the start of a plain head; more are needed. */
    INCOMPLETE,
    /** Not of the plain form: Jetty must read it. */
    OTHER
  }

  private byte[] bytes;
  private int start;
  private int to;

  /** The reading position within {@link #read}. */
  private int at;

  private int end;
  private int methodEnd;
  private int targetStart;
  private int targetEnd;
  private int fields;
  private final int[] nameStart = new int[MAX_FIELDS];
  private final int[] nameEnd = new int[MAX_FIELDS];
  private final int[] valueStart = new int[MAX_FIELDS];
  private final int[] valueEnd = new int[MAX_FIELDS];

  /**
   * Reads the head that starts at {@code from}; on {@link Outcome#READ}, {@link #end()} is where
   * the next request starts.
   */
  Outcome read(byte[] bytes, int from, int to) {
    this.bytes = bytes;
    this.start = from;
    this.to = to;
    this.at = from;
    this.fields = 0;
    Outcome line = requestLine();
    while (line == Outcome.READ) {
      if (at == to) {
        return Outcome.INCOMPLETE;
      }
      if (bytes[at] == '\r') {
        Outcome blank = crlf();
        end = at;
        return blank;
      }
      line = field();
    }
    return line;
  }

  /** The method, the origin-form target and HTTP/1.1, then CRLF. */
  private Outcome requestLine() {
    skip(TOKEN);
    if (at == to) {
      return at - start > 16 ? Outcome.OTHER : Outcome.INCOMPLETE;
    }
    if (at == start || bytes[at] != ' ') {
      return Outcome.OTHER;
    }
    methodEnd = at++;
    targetStart = at;
    while (at < to && bytes[at] > ' ' && bytes[at] < 0x7f) {
      at++;
    }
    if (at == to) {
      return Outcome.INCOMPLETE;
    }
    if (at == targetStart || bytes[targetStart] != '/' || bytes[at] != ' ') {
      return Outcome.OTHER;
    }
    targetEnd = at++;
    for (byte b : VERSION) {
      if (at == to) {
        return Outcome.INCOMPLETE;
      }
      if (bytes[at++] != b) {
        return Outcome.OTHER;
      }
    }
    return crlf();
  }

  /** One header line: a token, a colon, optional whitespace, a value of visible bytes, CRLF. */
  private Outcome field() {
    if (fields == MAX_FIELDS) {
      return Outcome.OTHER;
    }
    int name = at;
    skip(TOKEN);
    if (at == to) {
      return Outcome.INCOMPLETE;
    }
    if (at == name || bytes[at] != ':') {
      return Outcome.OTHER;
    }
    int nameLast = at++;
    while (at < to && (bytes[at] == ' ' || bytes[at] == '\t')) {
      at++;
    }
    int value = at;
    int valueLast = at;
    while (at < to && bytes[at] != '\r') {
      int b = bytes[at] & 0xff;
      if (b > ' ' && b != 0x7f) {
        valueLast = at + 1;
      } else if (b != ' ' && b != '\t') {
        return Outcome.OTHER;
      }
      at++;
    }
    Outcome eol = crlf();
    if (eol == Outcome.READ) {
      nameStart[fields] = name;
      nameEnd[fields] = nameLast;
      valueStart[fields] = value;
      valueEnd[fields] = valueLast;
      fields++;
    }
    return eol;
  }

  private void skip(boolean[] allowed) {
    while (at < to && allowed[bytes[at] & 0xff]) {
      at++;
    }
  }

  /** A CRLF at the cursor, which it then passes. */
  private Outcome crlf() {
    if (at == to) {
      return Outcome.INCOMPLETE;
    }
    if (bytes[at] != '\r') {
      return Outcome.OTHER;
    }
    if (at + 1 == to) {
      return Outcome.INCOMPLETE;
    }
    if (bytes[at + 1] != '\n') {
      return Outcome.OTHER;
    }
    at += 2;
    return Outcome.READ;
  }

  /** Where the head ends: the first byte after its blank line. */
  int end() {
    return end;
  }

  /** The method; GET, which proxies send, without allocating (it is asked for more than once). */
  String method() {
    if (methodEnd - start == 3
        && bytes[start] == 'G'
        && bytes[start + 1] == 'E'
        && bytes[start + 2] == 'T') {
      return "GET";
    }
    return ascii(start, methodEnd);
  }

  /** Whether the path, without the query, is {@code path} or {@code path/}. */
  boolean pathIs(String path) {
    int pathEnd = targetStart;
    while (pathEnd < targetEnd && bytes[pathEnd] != '?') {
      pathEnd++;
    }
    int length = path.length();
    if (pathEnd - targetStart == length + 1 && bytes[pathEnd - 1] == '/') {
      pathEnd--;
    }
    if (pathEnd - targetStart != length) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (bytes[targetStart + k] != path.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** The path as sent, without the query (which may carry a token and is never kept). */
  String path() {
    int pathEnd = targetStart;
    while (pathEnd < targetEnd && bytes[pathEnd] != '?') {
      pathEnd++;
    }
    return ascii(targetStart, pathEnd);
  }

  /**
   * Whether the one Host value has only the characters of a host name, an IP literal and a port;
   * Jetty judges any other.
   */
  boolean hostIsPlain() {
    for (int f = 0; f < fields; f++) {
      if (named(f, "Host")) {
        if (valueStart[f] == valueEnd[f]) {
          return false;
        }
        for (int i = valueStart[f]; i < valueEnd[f]; i++) {
          if (!HOST[bytes[i] & 0xff]) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }

  /** How many fields carry this name. */
  int count(String name) {
    int n = 0;
    for (int f = 0; f < fields; f++) {
      if (named(f, name)) {
        n++;
      }
    }
    return n;
  }

  /** The first value of a header, or null. */
  String header(String name) {
    for (int f = 0; f < fields; f++) {
      if (named(f, name)) {
        return latin1(valueStart[f], valueEnd[f]);
      }
    }
    return null;
  }

  /** Every value of a header, in the order received; 8-bit bytes read as Latin-1, as Jetty does. */
  List<String> headers(String name) {
    List<String> values = null;
    for (int f = 0; f < fields; f++) {
      if (named(f, name)) {
        if (values == null) {
          values = new ArrayList<>(2);
        }
        values.add(latin1(valueStart[f], valueEnd[f]));
      }
    }
    return values == null ? List.of() : values;
  }

  private boolean named(int field, String name) {
    int from = nameStart[field];
    int length = name.length();
    if (nameEnd[field] - from != length) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      int a = bytes[from + k];
      int b = name.charAt(k);
      if (a != b && (a | 0x20) != (b | 0x20)) {
        return false;
      }
      if (a != b && ((a | 0x20) < 'a' || (a | 0x20) > 'z')) {
        return false;
      }
    }
    return true;
  }

  private String ascii(int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
  }

  private String latin1(int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
