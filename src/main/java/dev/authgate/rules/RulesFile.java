package dev.authgate.rules;

import dev.authgate.config.YamlFile;
import dev.authgate.config.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads AUTH_RULES_FILE (docs/rules.example.yaml shows every key). Anything misspelt or out of
 * place is refused with the file, the line and the reason, never guessed at: a rule read wrongly
 * opens a door.
 */
public final class RulesFile {
  private static final Set<String> TOP = Set.of("default", "case_sensitive", "rules");
  private static final Set<String> RULE = Set.of("host", "path", "methods", "policy", "any", "all");
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

  private RulesFile() {}

  /**
   * The rules of the file.
   *
   * @throws dev.authgate.config.ConfigException naming the line and the reason
   */
  public static RuleSet read(Path file) {
    YamlNode root = YamlFile.read(file);
    Map<String, YamlNode> top = root.members("the rules file", TOP);
    boolean caseSensitive =
        Optional.ofNullable(top.get("case_sensitive"))
            .map(n -> n.bool("case_sensitive"))
            .orElse(true);
    Policy fallback = Policy.AUTHENTICATED;
    YamlNode def = top.get("default");
    if (def != null) {
      fallback = simplePolicy(def, def.scalar("default"), "default");
    }
    List<Rule> rules = new ArrayList<>();
    if (top.containsKey("rules")) {
      for (YamlNode item : top.get("rules").items("rules")) {
        rules.add(rule(item, caseSensitive));
      }
    }
    return new RuleSet(rules, fallback, caseSensitive);
  }

  private static Rule rule(YamlNode item, boolean caseSensitive) {
    Map<String, YamlNode> m = item.members("a rule", RULE);
    if (!m.containsKey("policy")) {
      throw item.error(
          "a rule needs \"policy:\", one of public, authenticated, roles, permissions");
    }
    if (!m.containsKey("host") && !m.containsKey("path") && !m.containsKey("methods")) {
      throw item.error("a rule needs at least one of host, path and methods to say what it covers");
    }
    return new Rule(
        YamlNode.text(m, "host").map(h -> host(m.get("host"), h)),
        YamlNode.text(m, "path").map(p -> path(m.get("path"), p, caseSensitive)),
        methods(m.get("methods")),
        policy(m),
        item.line());
  }

  private static String host(YamlNode node, String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (!h.matches("(\\*\\.)?[a-z0-9-]+(\\.[a-z0-9-]+)*")) {
      throw node.error(
          "host \"%s\" is not a host name or *.domain (no scheme, port or path)".formatted(host));
    }
    return h;
  }

  private static PathPattern path(YamlNode node, String path, boolean caseSensitive) {
    if (!path.startsWith("/")) {
      throw node.error("path \"%s\" must start with /".formatted(path));
    }
    Optional<String> normal = RequestPath.normalise(path.replace("*", "x"), true);
    if (normal.isEmpty()
        || path.contains("..")
        || path.contains("//")
        || path.contains("%")
        || path.contains(";")
        || path.contains("\\")) {
      throw node.error(
          "path \"%s\" is not a plain path: write it without .., //, %% or ;".formatted(path));
    }
    return PathPattern.of(path, caseSensitive);
  }

  private static Set<String> methods(YamlNode node) {
    if (node == null) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String method : node.strings("methods")) {
      String m = method.toUpperCase(Locale.ROOT);
      if (!METHODS.contains(m)) {
        throw node.error("method \"%s\" is not an HTTP method".formatted(method));
      }
      out.add(m);
    }
    return Set.copyOf(out);
  }

  private static Policy policy(Map<String, YamlNode> m) {
    YamlNode node = m.get("policy");
    String name = node.scalar("policy");
    YamlNode any = m.get("any");
    YamlNode all = m.get("all");
    boolean needsList = name.equals("roles") || name.equals("permissions");
    if (!needsList) {
      if (any != null || all != null) {
        throw node.error("policy " + name + " takes no \"any:\" or \"all:\" list");
      }
      return simplePolicy(node, name, "policy");
    }
    if ((any == null) == (all == null)) {
      throw node.error(
          "policy %s needs exactly one of \"any: [...]\" and \"all: [...]\"".formatted(name));
    }
    List<String> required = (any != null ? any : all).strings(any != null ? "any" : "all");
    return name.equals("roles")
        ? new Policy.Roles(all != null, required)
        : new Policy.Permissions(all != null, required);
  }

  private static Policy simplePolicy(YamlNode node, String name, String what) {
    return switch (name) {
      case "public" -> Policy.PUBLIC;
      case "authenticated" -> Policy.AUTHENTICATED;
      default ->
          throw node.error(
              "%s \"%s\" is not a policy: use public or authenticated%s"
                  .formatted(
                      what,
                      name,
                      what.equals("policy") ? ", or roles / permissions with any: or all:" : ""));
    };
  }
}
