package dev.authgate.proxy;

import dev.authgate.gate.VerifyHandler;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The identity headers /verify answers with, read from {@link VerifyHandler}'s constants: a header
 * added there is at once one the proxy tests expect every shipped configuration to handle.
 */
final class IdentityHeaders {
  private IdentityHeaders() {}

  static List<String> all() {
    List<String> headers = new ArrayList<>();
    for (Field field : VerifyHandler.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        String value = constant(field);
        if (value.startsWith("X-User-")) {
          headers.add(value);
        }
      }
    }
    return List.copyOf(headers);
  }

  private static String constant(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
