package dev.authgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every YAML and JSON document under deploy/ and traefik/, parsed. */
record DeploymentFiles(List<Document> documents) {
  static final List<Path> ROOTS = List.of(Path.of("deploy"), Path.of("traefik"));
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One document of a file; a YAML file may hold several, separated by {@code ---}. */
  record Document(Path file, JsonNode root) {
    String kind() {
      return root.path("kind").asText();
    }
  }

  static DeploymentFiles load() {
    List<Document> documents = new ArrayList<>();
    for (Path file : files()) {
      documents.addAll(parse(file));
    }
    return new DeploymentFiles(documents);
  }

  static List<Path> files() {
    List<Path> files = new ArrayList<>();
    for (Path root : ROOTS) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> p.toString().matches(".*\\.(ya?ml|json)"))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  static List<Document> parse(Path file) {
    ObjectMapper mapper = file.toString().endsWith(".json") ? JSON : YAML;
    List<Document> documents = new ArrayList<>();
    try (var values = mapper.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
      while (values.hasNext()) {
        JsonNode root = values.next();
        if (root != null && !root.isNull() && !root.isMissingNode()) {
          documents.add(new Document(file, root));
        }
      }
    } catch (IOException e) {
      throw new AssertionError(file + " does not parse: " + e.getMessage(), e);
    }
    return documents;
  }

  Document only(Path file) {
    List<Document> found = documents.stream().filter(d -> d.file().equals(file)).toList();
    if (found.size() != 1) {
      throw new AssertionError(file + " should hold one document, holds " + found.size());
    }
    return found.get(0);
  }

  List<Document> ofKind(String kind) {
    return documents.stream().filter(d -> d.kind().equals(kind)).toList();
  }
}
