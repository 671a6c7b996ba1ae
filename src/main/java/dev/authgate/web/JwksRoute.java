package dev.authgate.web;

import dev.authgate.keys.KeyRing;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The JWKS. Its body, ETag and headers are encoded once per key ring, not per request; a client
 * that sends the ETag back gets 304.
 */
final class JwksRoute implements DirectRoute {
  static final String PATH = "/.well-known/jwks.json";
  static final PreEncodedHttpField CACHE =
      new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "public, max-age=300");

  private final Supplier<KeyRing> keys;
  private volatile Encoded encoded;

  /** The answer for one key ring. */
  private record Encoded(KeyRing ring, String etag, HttpField etagField, ByteBuffer body) {
    static Encoded of(KeyRing ring) {
      return new Encoded(
          ring,
          ring.jwksEtag(),
          new PreEncodedHttpField(HttpHeader.ETAG, ring.jwksEtag()),
          ByteBuffer.wrap(ring.jwks()).asReadOnlyBuffer());
    }
  }

  JwksRoute(Supplier<KeyRing> keys) {
    this.keys = keys;
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public List<String> methods() {
    return List.of("GET");
  }

  @Override
  public Answered answer(Request request, Response response) {
    Encoded current = encoded();
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(CACHE);
    headers.put(current.etagField());
    if (matches(request.getHeaders().get(HttpHeader.IF_NONE_MATCH), current.etag())) {
      response.setStatus(304);
      return Answered.EMPTY;
    }
    response.setStatus(200);
    headers.put(JsonBodies.CONTENT_TYPE);
    return new Answered(current.body().duplicate(), null, null);
  }

  private Encoded encoded() {
    KeyRing ring = keys.get();
    Encoded current = encoded;
    if (current == null || current.ring() != ring) {
      current = Encoded.of(ring);
      encoded = current;
    }
    return current;
  }

  /**
   * If-None-Match as RFC 9110 section 13.1.2 reads it: a list of tags compared weakly (a {@code W/}
   * prefix is ignored), or {@code *}. Caches and CDNs send both forms.
   */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
