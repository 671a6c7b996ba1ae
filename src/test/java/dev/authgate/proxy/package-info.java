/**
 * Real reverse proxies in front of the real authgate, for tests that go through one.
 *
 * <pre>{@code
 * try (TestServer authgate = TestServer.start(env);
 *     Upstream app = Upstream.start();
 *     Proxy nginx = ProxyKind.NGINX.start(
 *         new InetSocketAddress("127.0.0.1", authgate.service().port()), app.address())) {
 *   TestServer.send(nginx.uri("/page"), b -> b.header("Authorization", "Bearer " + token));
 *   app.single().header("X-User-Id"); // what the app behind the proxy received
 * }
 * }</pre>
 *
 * {@link dev.authgate.proxy.Nginx} fills deploy/nginx/authgate.conf as the README's envsubst line
 * does; {@link dev.authgate.proxy.Caddy} runs deploy/caddy/Caddyfile unchanged with the environment
 * it reads. Each runs on a free loopback port in its own temporary directory and is stopped, and
 * the directory removed, by {@code close()}. {@link dev.authgate.proxy.Upstream} is the app: it
 * records every request it gets.
 */
package dev.authgate.proxy;
