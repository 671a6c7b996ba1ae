package dev.authgate.token;

import java.util.List;
import java.util.Optional;

/**
 * Who the caller is, as the gate tells the proxy. Values are stripped of control characters, so no
 * claim can split a header, and the header values are built once, when the identity is made,
 * because a cached identity answers many requests.
 */
public record Identity(
    String userId,
    Optional<String> email,
    Optional<String> name,
    List<String> roles,
    List<String> permissions,
    String rolesHeader,
    String permissionsHeader) {

  public Identity(
      String userId, Optional<String> email, List<String> roles, List<String> permissions) {
    this(userId, email, Optional.empty(), roles, permissions);
  }

  /** An identity with a display name ({@code name} or {@code preferred_username}). */
  public Identity(
      String userId,
      Optional<String> email,
      Optional<String> name,
      List<String> roles,
      List<String> permissions) {
    this(
        clean(userId),
        email.map(Identity::clean),
        name.map(Identity::clean),
        roles.stream().map(Identity::clean).toList(),
        permissions.stream().map(Identity::clean).toList(),
        String.join(",", roles.stream().map(Identity::clean).toList()),
        String.join(",", permissions.stream().map(Identity::clean).toList()));
  }

  private static String clean(String value) {
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        if (out == null) {
          out = new StringBuilder(value.substring(0, i));
        }
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? value : out.toString();
  }
}
