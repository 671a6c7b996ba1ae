package dev.authgate.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a small YAML configuration file into {@link YamlNode}s that remember their line, so that
 * every complaint about the file can say where. SnakeYAML only composes the node tree here: nothing
 * in the file is turned into Java objects, so no tag can make it construct a class.
 */
public final class YamlFile {
  private static final int MAX_BYTES = 1024 * 1024;

  private YamlFile() {}

  /**
   * The root of the file.
   *
   * @throws ConfigException naming the file, the line and what is wrong
   */
  public static YamlNode read(Path file) {
    String text = content(file);
    LoaderOptions options = new LoaderOptions();
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setCodePointLimit(MAX_BYTES);
    try (Reader reader = new java.io.StringReader(text)) {
      Node root = new Yaml(new SafeConstructor(options)).compose(reader);
      if (root == null) {
        throw new ConfigException(file + ": the file is empty");
      }
      return new YamlNode(file, root);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new ConfigException(
          "%s line %d: not valid YAML: %s"
              .formatted(file, mark == null ? 0 : mark.getLine() + 1, e.getProblem()));
    } catch (YAMLException | IOException e) {
      throw new ConfigException(file + ": not valid YAML: " + e.getMessage());
    }
  }

  private static String content(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ConfigException(file + ": larger than " + MAX_BYTES + " bytes");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new ConfigException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read (" + e + ")");
    }
  }
}
