package dev.authgate.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A claim mapping given as claim paths: for each part of the identity, the claims that feed it, in
 * order. The user id is always {@code sub}. Email and name take the first path that holds text;
 * roles and permissions gather every path (arrays, or space-separated strings such as {@code
 * scope}). A path is a claim name ({@code https://api.example.com/permissions}) or names joined by
 * dots ({@code realm_access.roles}, {@code resource_access.my-app.roles}); a name that itself holds
 * dots is found too, because every way of splitting the path is tried.
 */
public record ClaimPaths(
    List<String> email, List<String> name, List<String> roles, List<String> permissions)
    implements ClaimMapping {

  /**
   * The shapes of Keycloak, Auth0 and most OIDC providers, used unless an issuer says otherwise.
   */
  public static final ClaimPaths DEFAULT =
      new ClaimPaths(
          List.of("email"),
          List.of("name", "preferred_username"),
          List.of("roles", "realm_access.roles"),
          List.of("permissions", "scope", "scp"));

  public ClaimPaths {
    email = List.copyOf(email);
    name = List.copyOf(name);
    roles = List.copyOf(roles);
    permissions = List.copyOf(permissions);
  }

  @Override
  public Identity identity(ParsedToken token) {
    JsonNode claims = token.payload();
    return new Identity(
        token.claimText("sub").orElseThrow(),
        firstText(claims, email),
        firstText(claims, name),
        gather(claims, roles),
        gather(claims, permissions));
  }

  private static Optional<String> firstText(JsonNode claims, List<String> paths) {
    for (String path : paths) {
      Optional<String> found = ClaimMapping.text(resolve(claims, path)).filter(s -> !s.isBlank());
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static List<String> gather(JsonNode claims, List<String> paths) {
    Set<String> out = new LinkedHashSet<>();
    for (String path : paths) {
      out.addAll(ClaimMapping.strings(resolve(claims, path)));
    }
    return List.copyOf(out);
  }

  /** The value at the path, or null. */
  static JsonNode resolve(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      return null;
    }
    if (node.has(path)) {
      return node.get(path);
    }
    for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
      JsonNode child = node.get(path.substring(0, dot));
      JsonNode found = child == null ? null : resolve(child, path.substring(dot + 1));
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
