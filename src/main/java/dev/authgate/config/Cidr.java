package dev.authgate.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An address range such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is a range of one.
 * Only literal addresses are parsed, so no text ever causes a DNS lookup.
 */
public final class Cidr {
  private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

  private final byte[] network;
  private final int prefix;

  private Cidr(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  /** The range, or empty when the text is not an IPv4 or IPv6 address with an optional prefix. */
  public static Optional<Cidr> parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    Optional<byte[]> bytes = literal(address);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    int max = bytes.get().length * 8;
    int prefix = max;
    if (slash >= 0) {
      String p = t.substring(slash + 1);
      if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > max) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(p);
    }
    return Optional.of(new Cidr(bytes.get(), prefix));
  }

  /** Whether the literal address is in this range; anything not an address is not. */
  public boolean contains(String address) {
    return literal(address).filter(this::contains).isPresent();
  }

  private boolean contains(byte[] candidate) {
    if (candidate.length != network.length) {
      return false;
    }
    int whole = prefix / 8;
    for (int i = 0; i < whole; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (candidate[whole] & mask) == (network[whole] & mask);
  }

  private static Optional<byte[]> literal(String address) {
    if (address == null || address.isEmpty() || !LITERAL.matcher(address).matches()) {
      return Optional.empty();
    }
    if (!address.contains(":") && !address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(address).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
