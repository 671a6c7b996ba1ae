package dev.authgate.rules;

import dev.authgate.token.Identity;
import dev.authgate.token.Verification;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The access rules in force: the first rule that covers the request decides, else the default.
 * Immutable; a reload builds a new one.
 *
 * <p>Without a credential a policy other than public answers 401 with the reason of the credential
 * check; a caller who is known but lacks a role or permission gets 403 with the one it lacks. A
 * request whose path cannot be normalised safely is refused with 403 whatever it presents, since no
 * rule can be trusted to cover it.
 */
public final class RuleSet {
  /** No rules file: every request needs a valid credential. */
  public static final RuleSet AUTHENTICATED_EVERYWHERE =
      new RuleSet(List.of(), Policy.AUTHENTICATED, true);

  private final List<Rule> rules;
  private final Policy fallback;
  private final boolean caseSensitive;

  RuleSet(List<Rule> rules, Policy fallback, boolean caseSensitive) {
    this.rules = List.copyOf(rules);
    this.fallback = fallback;
    this.caseSensitive = caseSensitive;
  }

  /** The answer for this caller at this target. */
  public Verdict judge(Target target, Verification caller) {
    return judge(() -> target, caller);
  }

  /**
   * The answer for this caller at the target, which is read only when there are rules to match it
   * against: without a rules file, /verify does not parse the forwarded headers at all.
   */
  public Verdict judge(Supplier<Target> target, Verification caller) {
    if (rules.isEmpty()) {
      return judge(fallback, caller);
    }
    Target t = target.get();
    Optional<String> path = Optional.empty();
    if (t.rawPath().isPresent()) {
      path = RequestPath.normalise(t.rawPath().get(), caseSensitive);
      if (path.isEmpty()) {
        return new Verdict.Forbidden("the request path cannot be matched against the rules");
      }
    }
    return judge(policyFor(t, path), caller);
  }

  private Policy policyFor(Target target, Optional<String> path) {
    for (Rule rule : rules) {
      if (rule.covers(target.host(), path, target.method())) {
        return rule.policy();
      }
    }
    return fallback;
  }

  private static Verdict judge(Policy policy, Verification caller) {
    Identity identity = caller instanceof Verification.Verified v ? v.identity() : null;
    if (policy instanceof Policy.Public) {
      return new Verdict.Allow(identity);
    }
    if (identity == null) {
      return new Verdict.Unauthorized(((Verification.Refused) caller).rejection());
    }
    String refusal = policy.refusal(identity);
    return refusal == null ? new Verdict.Allow(identity) : new Verdict.Forbidden(refusal);
  }

  int size() {
    return rules.size();
  }
}
