package dev.authgate.gate;

import java.util.List;

/**
 * What /verify reads of a request. The HTTP server that carries it implements this, so the gate
 * decides the same way whichever layer of the server answers.
 */
public interface VerifyRequest {
  /** The method /verify itself was called with (the proxy's, not necessarily the user's). */
  String method();

  /** http or https, as the connection to authgate was made. */
  String scheme();

  /** The address of the peer that connected: the proxy, when there is one. */
  String remoteAddress();

  /** The first value of a header, or null. */
  String header(String name);

  /** Every value of a header, in the order received; empty when there is none. */
  List<String> headers(String name);
}
