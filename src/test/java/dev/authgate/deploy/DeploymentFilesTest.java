package dev.authgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authgate.config.SettingsLoader;
import dev.authgate.gate.VerifyHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment files are parsed here, so a renamed variable or a broken file fails the build
 * rather than someone's deployment.
 */
class DeploymentFilesTest {
  private static final Path COMPOSE = Path.of("deploy", "docker-compose.yml");
  private static final Path TRAEFIK = Path.of("traefik", "dynamic.yml");
  private static final Path KUBERNETES = Path.of("deploy", "kubernetes");
  private static final List<String> IDENTITY_HEADERS =
      List.of(
          VerifyHandler.USER_ID,
          VerifyHandler.USER_EMAIL,
          VerifyHandler.USER_NAME,
          VerifyHandler.USER_ROLES,
          VerifyHandler.USER_PERMISSIONS);

  private final DeploymentFiles files = DeploymentFiles.load();
  private final List<EnvironmentEntries.Entry> env = EnvironmentEntries.of(files);

  @Test
  void parsesEveryYamlAndJsonFileUnderDeployAndTraefik() {
    List<Path> all = DeploymentFiles.files();

    assertThat(all).contains(COMPOSE, TRAEFIK, Path.of("traefik", "traefik.yml"));
    assertThat(files.documents().stream().map(DeploymentFiles.Document::file).distinct())
        .as("every file holds at least one document")
        .containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void givesAuthgateOnlyVariableNamesItKnows() {
    Set<String> known = SettingsLoader.names();
    List<String> unknown =
        env.stream()
            .filter(e -> e.name().startsWith("AUTH_") || e.owner().equals("authgate"))
            .filter(e -> !known.contains(e.name()) && !e.name().startsWith("JAVA_"))
            .map(e -> e.where() + ": " + e.name())
            .toList();

    assertThat(env).anyMatch(e -> e.owner().equals("authgate"));
    assertThat(unknown)
        .as("variables SettingsLoader.names() does not know (renamed? add them to the loader)")
        .isEmpty();
  }

  @Test
  void givesAuthgateSettingsThatPassValidation() {
    Map<String, Map<String, String>> byPlace = new LinkedHashMap<>();
    env.stream()
        .filter(e -> e.owner().equals("authgate") && e.value().isPresent())
        .forEach(
            e ->
                byPlace
                    .computeIfAbsent(e.where(), k -> new LinkedHashMap<>())
                    .put(e.name(), e.value().get()));

    assertThat(byPlace).hasSizeGreaterThanOrEqualTo(2);
    byPlace.forEach(
        (where, vars) ->
            assertThatCode(() -> SettingsLoader.load(vars)).as(where).doesNotThrowAnyException());
  }

  @Test
  void forwardAuthAsksVerifyAndCopiesEveryIdentityHeader() {
    List<JsonNode> forwardAuths = new ArrayList<>();
    files.documents().forEach(d -> find(d.root(), "forwardAuth", forwardAuths));

    assertThat(forwardAuths).hasSizeGreaterThanOrEqualTo(2);
    for (JsonNode f : forwardAuths) {
      assertThat(f.path("address").asText()).endsWith(":8080/verify");
      assertThat(f.path("trustForwardHeader").asBoolean()).isTrue();
      assertThat(texts(f.path("authResponseHeaders"))).isEqualTo(IDENTITY_HEADERS);
    }
  }

  @Test
  void removesIdentityHeadersTheClientSentBeforeAskingAuthgate() {
    List<JsonNode> headerMiddlewares = new ArrayList<>();
    files.documents().forEach(d -> find(d.root(), "customRequestHeaders", headerMiddlewares));

    assertThat(headerMiddlewares).hasSizeGreaterThanOrEqualTo(2);
    for (JsonNode headers : headerMiddlewares) {
      for (String name : IDENTITY_HEADERS) {
        assertThat(headers.path(name).asText("missing")).as(name).isEmpty();
      }
    }
    JsonNode http = files.only(TRAEFIK).root().path("http");
    assertThat(texts(http.path("middlewares").path("protected").path("chain").path("middlewares")))
        .containsExactly("strip-identity", "authgate");
    assertThat(texts(http.path("routers").path("whoami").path("middlewares")))
        .containsExactly("protected");
  }

  @Test
  void routesSignInAndTheAuthApiToAuthgateWithoutTheGate() {
    JsonNode http = files.only(TRAEFIK).root().path("http");
    JsonNode router = http.path("routers").path("authgate");

    assertThat(router.path("rule").asText()).contains("/login", "/logout", "/auth/");
    assertThat(router.has("middlewares")).isFalse();
    assertThat(router.path("priority").asInt())
        .isGreaterThan(http.path("routers").path("whoami").path("priority").asInt());
    assertThat(http.path("services").path("authgate").toString()).contains("http://authgate:8080");
  }

  @Test
  void composeRunsTraefikAuthgatePostgresAndAnExampleService() {
    JsonNode services = files.only(COMPOSE).root().path("services");
    JsonNode authgate = services.path("authgate");

    assertThat(fieldNames(services)).contains("traefik", "authgate", "postgres", "whoami");
    assertThat(services.path("whoami").path("image").asText()).startsWith("traefik/whoami:v");
    services.forEach(
        s -> {
          if (s.has("image") && !s.has("build")) {
            assertThat(s.path("image").asText())
                .containsPattern(":v?\\d")
                .doesNotEndWith(":latest");
          }
        });
    assertThat(authgate.path("read_only").asBoolean()).isTrue();
    assertThat(authgate.path("secrets").get(0).path("target").asText())
        .isEqualTo(authgate.path("environment").path("AUTH_KEYS_DIR").asText());
    assertThat(authgate.path("environment").path("AUTH_DATABASE_URL").asText())
        .contains("@postgres:5432/");
  }

  @Test
  void kubernetesDeploymentRunsTwoHardenedReplicasWithProbes() {
    JsonNode spec = files.ofKind("Deployment").get(0).root().path("spec");
    JsonNode pod = spec.path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);

    assertThat(spec.path("replicas").asInt()).isEqualTo(2);
    assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/livez");
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/healthz");
    assertThat(container.path("resources").path("requests").path("cpu").isMissingNode()).isFalse();
    assertThat(container.path("resources").path("limits").path("memory").isMissingNode()).isFalse();
    JsonNode security = container.path("securityContext");
    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(texts(security.path("capabilities").path("drop"))).containsExactly("ALL");
    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
  }

  @Test
  void kubernetesHasEveryResourceAndTheKustomizationListsEveryFile() throws Exception {
    assertThat(files.documents().stream().map(DeploymentFiles.Document::kind))
        .contains(
            "Deployment",
            "Service",
            "Secret",
            "Middleware",
            "PodDisruptionBudget",
            "HorizontalPodAutoscaler");
    JsonNode kustomization = files.only(KUBERNETES.resolve("kustomization.yaml")).root();
    try (Stream<Path> dir = Files.list(KUBERNETES)) {
      Set<String> manifests =
          dir.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
              .collect(Collectors.toSet());
      assertThat(texts(kustomization.path("resources")))
          .containsExactlyInAnyOrderElementsOf(manifests);
    }
    assertThat(
            files
                .ofKind("HorizontalPodAutoscaler")
                .get(0)
                .root()
                .path("spec")
                .path("minReplicas")
                .asInt())
        .isEqualTo(2);
  }

  private static void find(JsonNode node, String field, List<JsonNode> out) {
    if (node.has(field)) {
      out.add(node.get(field));
    }
    node.elements().forEachRemaining(child -> find(child, field, out));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.isObject() ? n.path("name").asText() : n.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
