package dev.authgate.browser;

import dev.authgate.config.Cidr;
import io.javalin.http.Context;
import java.util.List;

/**
 * The addresses whose X-Forwarded-* and X-Original-* headers are believed. From anyone else those
 * headers are ignored: a client that reaches authgate directly could otherwise choose the host that
 * a browser is sent back to.
 */
final class TrustedProxies {
  private final List<Cidr> ranges;

  TrustedProxies(List<String> ranges) {
    this.ranges = ranges.stream().map(r -> Cidr.parse(r).orElseThrow()).toList();
  }

  boolean trusts(String remoteAddress) {
    return ranges.stream().anyMatch(r -> r.contains(remoteAddress));
  }

  /**
   * The address of the client, for throttling: the last X-Forwarded-For entry that is not a trusted
   * proxy (entries to its left were written by whoever sent the request, so they prove nothing).
   */
  String client(Context ctx) {
    String address = ctx.req().getRemoteAddr();
    String forwarded = ctx.header("X-Forwarded-For");
    if (forwarded == null || !trusts(address)) {
      return address;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (Cidr.parse(hop).isEmpty()) {
        return address;
      }
      address = hop;
      if (!trusts(hop)) {
        return hop;
      }
    }
    return address;
  }
}
