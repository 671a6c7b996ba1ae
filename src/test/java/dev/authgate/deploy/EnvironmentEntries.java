package dev.authgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables the deployment files give to containers: a Compose service's {@code
 * environment} (map or list) and a Kubernetes container's {@code env}, with values from a Secret of
 * the same files resolved.
 */
final class EnvironmentEntries {

  /**
   * @param owner the Compose service or Kubernetes container the variable is given to
   * @param value empty when it comes from somewhere these files do not hold
   */
  record Entry(String where, String owner, String name, Optional<String> value) {}

  private EnvironmentEntries() {}

  static List<Entry> of(DeploymentFiles files) {
    List<Entry> entries = new ArrayList<>();
    for (DeploymentFiles.Document d : files.documents()) {
      d.root().path("services").fields().forEachRemaining(s -> compose(d, s, entries));
      kubernetes(files, d, d.root(), entries);
    }
    return entries;
  }

  private static void compose(
      DeploymentFiles.Document d, Map.Entry<String, JsonNode> service, List<Entry> out) {
    JsonNode env = service.getValue().path("environment");
    String where = d.file() + " service " + service.getKey();
    if (env.isObject()) {
      env.fields()
          .forEachRemaining(
              e ->
                  out.add(
                      new Entry(
                          where,
                          service.getKey(),
                          e.getKey(),
                          Optional.of(e.getValue().asText()))));
    } else if (env.isArray()) {
      for (JsonNode item : env) {
        String[] pair = item.asText().split("=", 2);
        out.add(
            new Entry(
                where,
                service.getKey(),
                pair[0],
                pair.length == 2 ? Optional.of(pair[1]) : Optional.empty()));
      }
    }
  }

  private static void kubernetes(
      DeploymentFiles files, DeploymentFiles.Document d, JsonNode node, List<Entry> out) {
    if (node.isObject() && node.path("env").isArray() && node.path("name").isTextual()) {
      String container = node.get("name").asText();
      for (JsonNode e : node.get("env")) {
        out.add(
            new Entry(
                d.file() + " container " + container,
                container,
                e.path("name").asText(),
                value(files, e)));
      }
    }
    node.elements().forEachRemaining(child -> kubernetes(files, d, child, out));
  }

  private static Optional<String> value(DeploymentFiles files, JsonNode env) {
    if (env.has("value")) {
      return Optional.of(env.get("value").asText());
    }
    JsonNode ref = env.path("valueFrom").path("secretKeyRef");
    String secret = ref.path("name").asText();
    String key = ref.path("key").asText();
    for (DeploymentFiles.Document d : files.ofKind("Secret")) {
      if (d.root().path("metadata").path("name").asText().equals(secret)) {
        JsonNode plain = d.root().path("stringData").path(key);
        if (plain.isTextual()) {
          return Optional.of(plain.asText());
        }
        JsonNode encoded = d.root().path("data").path(key);
        if (encoded.isTextual()) {
          return Optional.of(
              new String(Base64.getDecoder().decode(encoded.asText()), StandardCharsets.UTF_8));
        }
      }
    }
    return Optional.empty();
  }
}
