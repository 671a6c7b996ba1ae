package dev.authgate.proxy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One request as the {@link Upstream} received it; header names are matched ignoring case. */
public record RecordedRequest(
    String method, String uri, Map<String, List<String>> headers, String body) {

  public RecordedRequest {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = copy;
  }

  /** The first value of the header, if it arrived. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
