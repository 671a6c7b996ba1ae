package dev.authgate.support;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An identity provider for tests, served by the test itself on 127.0.0.1 and a free port: its own
 * RSA and EC keys, a JWKS at {@code /jwks}, an OIDC discovery document at {@code
 * /.well-known/openid-configuration}, and a count of the requests it received. Keys can be added
 * and removed while it runs, the JWKS can be made malformed, and the server can be stopped.
 */
public final class TestIdentityProvider implements AutoCloseable {
  private final HttpServer server;
  private final String issuer;
  private final Map<String, KeyPair> published = new LinkedHashMap<>();
  private final AtomicInteger jwksRequests = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile String override;
  private volatile boolean hanging;

  private TestIdentityProvider(HttpServer server) {
    this.server = server;
    this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
  }

  /** Starts with one RSA key ("rsa-1") and one P-256 key ("ec-1") published. */
  public static TestIdentityProvider start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      TestIdentityProvider idp = new TestIdentityProvider(server);
      idp.publish("rsa-1", rsaKey());
      idp.publish("ec-1", ecKey());
      server.createContext("/", idp::answer);
      server.start();
      return idp;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String issuer() {
    return issuer;
  }

  public String jwksUri() {
    return base() + "/jwks";
  }

  public String discoveryUrl() {
    return issuer + "/.well-known/openid-configuration";
  }

  /** Requests for the key set, the discovery document not counted. */
  public int jwksRequests() {
    return jwksRequests.get();
  }

  /** Every request received. */
  public int requests() {
    return requests.get();
  }

  public synchronized void publish(String kid, KeyPair key) {
    published.put(kid, key);
  }

  public synchronized void withdraw(String kid) {
    published.remove(kid);
  }

  public synchronized KeyPair key(String kid) {
    return published.get(kid);
  }

  /** Serves this body as the JWKS instead of the keys; null goes back to the keys. */
  public void serveJwks(String body) {
    this.override = body;
  }

  /** While on, the key set is answered only after 3 s, like a provider that accepts and stalls. */
  public void hang(boolean on) {
    this.hanging = on;
  }

  /** A token signed with the key of that kid (RS256 for RSA, ES256 for EC). */
  public String token(String kid, KeyPair key, Consumer<JWTCreator.Builder> claims) {
    JWTCreator.Builder b =
        JWT.create()
            .withKeyId(kid)
            .withIssuer(issuer)
            .withSubject("user-42")
            .withIssuedAt(Instant.now())
            .withExpiresAt(Instant.now().plusSeconds(300));
    claims.accept(b);
    return b.sign(algorithm(key));
  }

  /** A token of a published key. */
  public String token(String kid, Consumer<JWTCreator.Builder> claims) {
    return token(kid, key(kid), claims);
  }

  public static Algorithm algorithm(KeyPair key) {
    if (key.getPublic() instanceof RSAPublicKey rsa) {
      return Algorithm.RSA256(rsa, (RSAPrivateKey) key.getPrivate());
    }
    return Algorithm.ECDSA256((ECPublicKey) key.getPublic(), (ECPrivateKey) key.getPrivate());
  }

  public static KeyPair rsaKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair ecKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JWK of a public key, as a JSON object. */
  public static String jwk(String kid, KeyPair key) {
    if (key.getPublic() instanceof RSAPublicKey rsa) {
      return "{\"kty\":\"RSA\",\"kid\":\"%s\",\"use\":\"sig\",\"n\":\"%s\",\"e\":\"%s\"}"
          .formatted(kid, b64(rsa.getModulus(), 0), b64(rsa.getPublicExponent(), 0));
    }
    ECPublicKey ec = (ECPublicKey) key.getPublic();
    return ecJwk(kid, ec.getW().getAffineX(), ec.getW().getAffineY());
  }

  /** A P-256 JWK with the given coordinates, which need not lie on the curve. */
  public static String ecJwk(String kid, BigInteger x, BigInteger y) {
    return "{\"kty\":\"EC\",\"kid\":\"%s\",\"crv\":\"P-256\",\"x\":\"%s\",\"y\":\"%s\"}"
        .formatted(kid, b64(x, 32), b64(y, 32));
  }

  private static String b64(BigInteger value, int length) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    if (bytes.length < length) {
      byte[] padded = new byte[length];
      System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
      bytes = padded;
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private synchronized String jwks() {
    List<String> keys = new ArrayList<>();
    published.forEach((kid, key) -> keys.add(jwk(kid, key)));
    return "{\"keys\":[" + String.join(",", keys) + "]}";
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void answer(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/jwks")) {
      jwksRequests.incrementAndGet();
      stallWhileHanging();
      String body = override;
      send(exchange, 200, body != null ? body : jwks());
    } else if (path.equals("/realms/test/.well-known/openid-configuration")) {
      send(
          exchange,
          200,
          "{\"issuer\":\"%s\",\"jwks_uri\":\"%s\",\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"]}"
              .formatted(issuer, jwksUri()));
    } else {
      send(exchange, 404, "{\"error\":\"not_found\"}");
    }
  }

  private void stallWhileHanging() {
    if (!hanging) {
      return;
    }
    try {
      Thread.sleep(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops serving: connections are refused from now on. */
  @Override
  public void close() {
    server.stop(0);
  }
}
