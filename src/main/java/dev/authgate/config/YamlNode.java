package dev.authgate.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One value of a YAML file, with its line. The accessors check the shape they expect and throw a
 * {@link ConfigException} that names the file, the line and the key otherwise; unknown keys are
 * refused too, so that a misspelt setting is an error rather than silently ignored.
 */
public final class YamlNode {
  private final Path file;
  private final Node node;

  YamlNode(Path file, Node node) {
    this.file = file;
    this.node = node;
  }

  /** The 1-based line the value starts on. */
  public int line() {
    return node.getStartMark().getLine() + 1;
  }

  /** A complaint about this value, located in the file. */
  public ConfigException error(String reason) {
    return new ConfigException("%s line %d: %s".formatted(file, line(), reason));
  }

  /** The members of a mapping, in file order; a repeated key is refused. */
  public Map<String, YamlNode> members(String what) {
    if (!(node instanceof MappingNode mapping)) {
      throw error(what + " must be a mapping of key: value");
    }
    Map<String, YamlNode> out = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      YamlNode key = new YamlNode(file, tuple.getKeyNode());
      String name = key.scalar("a key");
      if (out.put(name, new YamlNode(file, tuple.getValueNode())) != null) {
        throw key.error("the key \"" + name + "\" appears twice");
      }
    }
    return out;
  }

  /** The members of a mapping that may hold only the given keys. */
  public Map<String, YamlNode> members(String what, Set<String> allowed) {
    Map<String, YamlNode> out = members(what);
    for (Map.Entry<String, YamlNode> member : out.entrySet()) {
      if (!allowed.contains(member.getKey())) {
        throw member
            .getValue()
            .error(
                "unknown key \"%s\" in %s; the keys are %s"
                    .formatted(member.getKey(), what, String.join(", ", allowed)));
      }
    }
    return out;
  }

  /** The items of a sequence. */
  public List<YamlNode> items(String what) {
    if (!(node instanceof SequenceNode sequence)) {
      throw error(what + " must be a list");
    }
    List<YamlNode> out = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      out.add(new YamlNode(file, item));
    }
    return out;
  }

  /** A scalar's text; it must not be empty. */
  public String scalar(String what) {
    if (!(node instanceof ScalarNode scalar)) {
      throw error(what + " must be a single value, not a list or mapping");
    }
    if (scalar.getValue().isBlank()) {
      throw error(what + " is empty");
    }
    return scalar.getValue().trim();
  }

  /** A list of strings, or a single string taken as a list of one. */
  public List<String> strings(String what) {
    if (node instanceof ScalarNode) {
      return List.of(scalar(what));
    }
    List<String> out = new ArrayList<>();
    for (YamlNode item : items(what)) {
      out.add(item.scalar("an item of " + what));
    }
    return out;
  }

  /** {@code true} or {@code false}. */
  public boolean bool(String what) {
    String value = scalar(what);
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw error(what + " must be true or false, not \"" + value + "\"");
    };
  }

  /** The text of an optional member. */
  public static Optional<String> text(Map<String, YamlNode> members, String key) {
    return Optional.ofNullable(members.get(key)).map(n -> n.scalar(key));
  }
}
