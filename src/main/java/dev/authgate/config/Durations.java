package dev.authgate.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the duration forms operators write in env files: plain seconds, or 30s / 15m / 1h / 7d.
 */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*([smhd]?)");

  private Durations() {}

  /** Returns the duration, or empty when the text is not one of the accepted forms. */
  public static Optional<Duration> parse(String text) {
    Matcher m = FORM.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(m.group(1));
    return Optional.of(
        switch (m.group(2)) {
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          case "d" -> Duration.ofDays(amount);
          default -> Duration.ofSeconds(amount);
        });
  }

  /** Writes a duration the way an operator would: 900 s becomes "15m". */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (s != 0 && s % 86400 == 0) return s / 86400 + "d";
    if (s != 0 && s % 3600 == 0) return s / 3600 + "h";
    if (s != 0 && s % 60 == 0) return s / 60 + "m";
    return s + "s";
  }
}
