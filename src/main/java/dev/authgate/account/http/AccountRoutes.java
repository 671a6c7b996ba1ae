package dev.authgate.account.http;

import dev.authgate.account.AccountService;
import dev.authgate.account.Callers;
import dev.authgate.account.Introspection;
import dev.authgate.account.SignedIn;
import dev.authgate.token.Verification;
import dev.authgate.web.ApiError;
import dev.authgate.web.RouteModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The JSON account endpoints: register, login, refresh, logout, me and introspect. The logic is in
 * {@link AccountService}; this class reads requests strictly and writes answers.
 */
public final class AccountRoutes implements RouteModule {
  private final AccountService accounts;
  private final Callers callers;
  private final Introspection introspection;
  private final Clock clock;
  private final Function<Context, String> clientAddress;

  /**
   * @param clientAddress the address failed logins are counted against, as the trusted proxies tell
   *     it
   */
  public AccountRoutes(
      AccountService accounts,
      Callers callers,
      Introspection introspection,
      Clock clock,
      Function<Context, String> clientAddress) {
    this.accounts = accounts;
    this.callers = callers;
    this.introspection = introspection;
    this.clock = clock;
    this.clientAddress = clientAddress;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/auth/register", this::register);
    routes.post("/auth/login", this::login);
    routes.post("/auth/refresh", this::refresh);
    routes.post("/auth/logout", this::logout);
    routes.get("/auth/me", ctx -> Responses.send(ctx, 200, Responses.managed(me(ctx))));
    routes.post("/auth/introspect", this::introspect);
  }

  private void register(Context ctx) {
    JsonRequest body = JsonRequest.of(ctx);
    Responses.send(
        ctx,
        201,
        Responses.registered(
            accounts.register(
                body.required("email"), body.required("password"), body.optional("name"))));
  }

  private void login(Context ctx) {
    JsonRequest body = JsonRequest.of(ctx);
    SignedIn session =
        accounts.login(
            body.required("email"),
            body.required("password"),
            clientAddress.apply(ctx),
            ctx.userAgent());
    Responses.send(ctx, 200, Responses.tokens(session, clock));
  }

  private void refresh(Context ctx) {
    JsonRequest body = JsonRequest.of(ctx);
    SignedIn session =
        accounts.refresh(body.required("refresh_token"), clientAddress.apply(ctx), ctx.userAgent());
    Responses.send(ctx, 200, Responses.tokens(session, clock));
  }

  /** Revokes the family of the Bearer access token and of the body's refresh token, if given. */
  private void logout(Context ctx) {
    String client = clientAddress.apply(ctx);
    Map<UUID, String> families = new LinkedHashMap<>();
    String authorization = ctx.header("Authorization");
    if (authorization != null && !authorization.isBlank()) {
      Verification.Verified token = callers.token(authorization);
      if (token.sessionId() == null) {
        throw JsonRequest.invalid("the access token belongs to no session");
      }
      families.put(UUID.fromString(token.sessionId()), token.identity().userId());
    }
    if (ctx.bodyAsBytes().length > 0) {
      JsonRequest.of(ctx)
          .optional("refresh_token")
          .ifPresent(refresh -> accounts.logoutRefreshToken(refresh, client));
    } else if (families.isEmpty()) {
      throw JsonRequest.invalid(
          "nothing to sign out: send Authorization: Bearer <access token> or"
              + " {\"refresh_token\": \"...\"}");
    }
    families.forEach((family, user) -> accounts.logout(family, user, client));
    ctx.status(204).header("Cache-Control", "no-store");
  }

  private dev.authgate.store.StoredUser me(Context ctx) {
    return callers.user(ctx.header("Authorization"));
  }

  /** RFC 7662: the token in a form field or a JSON member, from an allowed caller only. */
  private void introspect(Context ctx) {
    introspection.authorize(ctx.header("Authorization"));
    String token =
        isForm(ctx.contentType()) ? formToken(ctx) : JsonRequest.of(ctx).required("token");
    Responses.send(ctx, 200, introspection.introspect(token));
  }

  private static boolean isForm(String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  private static String formToken(Context ctx) {
    String token = ctx.formParam("token");
    if (token == null || token.isEmpty()) {
      throw new ApiError(400, "invalid_request", "token is required");
    }
    return token;
  }
}
