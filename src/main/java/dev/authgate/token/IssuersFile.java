package dev.authgate.token;

import dev.authgate.config.YamlFile;
import dev.authgate.config.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The trusted external issuers of AUTH_ISSUERS_FILE (docs/issuers.example.yaml shows every key).
 * Each entry names an issuer, where its keys are (a {@code jwks_uri}, or a {@code discovery} URL),
 * its audience, its algorithms and its claim mapping. Anything misspelt or out of place stops
 * start-up with the file, the line and the reason.
 */
final class IssuersFile {
  static final Set<String> ALGORITHMS =
      Set.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512");
  static final List<String> DEFAULT_ALGORITHMS = List.of("RS256", "ES256");

  private static final Set<String> TOP = Set.of("issuers");
  private static final Set<String> ENTRY =
      Set.of("issuer", "jwks_uri", "discovery", "audience", "algorithms", "claims");
  private static final Set<String> CLAIMS = Set.of("email", "name", "roles", "permissions");

  /** One issuer of the file. Exactly one of jwksUri and discovery is present. */
  record Entry(
      String issuer,
      Optional<String> jwksUri,
      Optional<String> discovery,
      Optional<String> audience,
      Set<String> algorithms,
      ClaimPaths claims) {}

  private IssuersFile() {}

  static List<Entry> read(Path file) {
    Map<String, YamlNode> top = YamlFile.read(file).members("the file", TOP);
    YamlNode list = top.get("issuers");
    if (list == null) {
      throw YamlFile.read(file).error("the file has no \"issuers:\" list");
    }
    List<Entry> out = new ArrayList<>();
    for (YamlNode item : list.items("issuers")) {
      out.add(entry(item));
    }
    return out;
  }

  private static Entry entry(YamlNode item) {
    Map<String, YamlNode> m = item.members("an issuer", ENTRY);
    if (!m.containsKey("issuer")) {
      throw item.error("an issuer needs \"issuer:\", the iss its tokens carry");
    }
    Optional<String> jwks = url(m, "jwks_uri");
    Optional<String> discovery = url(m, "discovery");
    if (jwks.isPresent() == discovery.isPresent()) {
      throw item.error(
          "an issuer needs exactly one of \"jwks_uri:\" (its key set) and \"discovery:\" (its"
              + " .well-known/openid-configuration URL)");
    }
    return new Entry(
        m.get("issuer").scalar("issuer"),
        jwks,
        discovery,
        YamlNode.text(m, "audience"),
        algorithms(m.get("algorithms")),
        claims(m.get("claims")));
  }

  private static Optional<String> url(Map<String, YamlNode> m, String key) {
    YamlNode node = m.get(key);
    if (node == null) {
      return Optional.empty();
    }
    String value = node.scalar(key);
    if (!value.matches("(?i)https?://[^\\s/]+.*")) {
      throw node.error(key + " \"" + value + "\" is not an http(s) URL");
    }
    return Optional.of(value);
  }

  private static Set<String> algorithms(YamlNode node) {
    if (node == null) {
      return Set.copyOf(DEFAULT_ALGORITHMS);
    }
    Set<String> out = new LinkedHashSet<>();
    for (String alg : node.strings("algorithms")) {
      if (!ALGORITHMS.contains(alg)) {
        throw node.error(
            "algorithm \"%s\" is not one of RS256, RS384, RS512, ES256, ES384, ES512 (HS256 is"
                    .formatted(alg)
                + " configured with AUTH_JWT_SECRET, never in this file)");
      }
      out.add(alg);
    }
    return Set.copyOf(out);
  }

  private static ClaimPaths claims(YamlNode node) {
    if (node == null) {
      return ClaimPaths.DEFAULT;
    }
    Map<String, YamlNode> m = node.members("claims", CLAIMS);
    ClaimPaths d = ClaimPaths.DEFAULT;
    return new ClaimPaths(
        paths(m, "email", d.email()),
        paths(m, "name", d.name()),
        paths(m, "roles", d.roles()),
        paths(m, "permissions", d.permissions()));
  }

  private static List<String> paths(Map<String, YamlNode> m, String key, List<String> fallback) {
    YamlNode node = m.get(key);
    return node == null ? fallback : node.strings("claims." + key);
  }
}
