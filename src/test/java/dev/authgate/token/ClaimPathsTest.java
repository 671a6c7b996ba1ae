package dev.authgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimPathsTest {
  static ParsedToken token(String payload) throws Exception {
    ObjectMapper json = new ObjectMapper();
    return new ParsedToken(
        "", json.createObjectNode(), (ObjectNode) json.readTree(payload.replace('\'', '"')));
  }

  @Test
  void findsAClientIdThatHoldsDotsAndANamespacedClaim() throws Exception {
    ClaimPaths paths =
        new ClaimPaths(
            List.of("email"),
            List.of("name", "preferred_username"),
            List.of("resource_access.shop.example.roles"),
            List.of("https://api.example.com/permissions"));

    Identity id =
        paths.identity(
            token(
                "{'sub':'u','preferred_username':'jd','resource_access':{'shop.example':"
                    + "{'roles':['clerk']}},'https://api.example.com/permissions':['a:b']}"));

    assertThat(id.name()).hasValue("jd");
    assertThat(id.roles()).containsExactly("clerk");
    assertThat(id.permissions()).containsExactly("a:b");
  }

  @Test
  void gathersRolesFromEveryPathWithoutRepeats() throws Exception {
    Identity id =
        ClaimPaths.DEFAULT.identity(
            token("{'sub':'u','roles':['a'],'realm_access':{'roles':['a','b']},'scp':'x y'}"));

    assertThat(id.roles()).containsExactly("a", "b");
    assertThat(id.permissions()).containsExactly("x", "y");
  }
}
