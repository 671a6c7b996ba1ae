package dev.authgate.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwk.Jwk;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authgate.support.TestIdentityProvider;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JwkVerifiersTest {
  static final Set<String> ALL = IssuersFile.ALGORITHMS;

  @SuppressWarnings("unchecked")
  static Jwk jwk(String json) throws Exception {
    return Jwk.fromValues(new ObjectMapper().readValue(json, Map.class));
  }

  @Test
  void servesAnEcKeyOnItsCurveForEs256Only() throws Exception {
    KeyPair ec = TestIdentityProvider.ecKey();

    assertThat(JwkVerifiers.of(jwk(TestIdentityProvider.jwk("e", ec)), ALL))
        .containsOnlyKeys("ES256");
  }

  @Test
  void refusesAnEcPointThatIsNotOnTheCurve() throws Exception {
    ECPublicKey ec = (ECPublicKey) TestIdentityProvider.ecKey().getPublic();
    BigInteger x = ec.getW().getAffineX();
    BigInteger y = ec.getW().getAffineY().add(BigInteger.ONE);

    assertThatThrownBy(() -> JwkVerifiers.of(jwk(TestIdentityProvider.ecJwk("bad", x, y)), ALL))
        .hasMessageContaining("not lie on its curve");
  }

  @Test
  void servesAnRsaKeyOnlyForItsOwnAlgWhenItNamesOne() throws Exception {
    String json =
        TestIdentityProvider.jwk("r", TestIdentityProvider.rsaKey())
            .replace("\"use\":\"sig\"", "\"use\":\"sig\",\"alg\":\"RS384\"");

    assertThat(JwkVerifiers.of(jwk(json), ALL)).containsOnlyKeys("RS384");
  }

  @Test
  void refusesAnEncryptionKey() throws Exception {
    String json =
        TestIdentityProvider.jwk("r", TestIdentityProvider.rsaKey()).replace("sig", "enc");

    assertThatThrownBy(() -> JwkVerifiers.of(jwk(json), ALL)).hasMessageContaining("use=enc");
  }
}
