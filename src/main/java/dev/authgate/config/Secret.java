package dev.authgate.config;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Secret bytes that never show themselves: toString prints only their length. */
public final class Secret {
  private final byte[] bytes;

  public Secret(String value) {
    this.bytes = value.getBytes(StandardCharsets.UTF_8);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && Arrays.equals(bytes, s.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "****(" + bytes.length + " bytes)";
  }
}
