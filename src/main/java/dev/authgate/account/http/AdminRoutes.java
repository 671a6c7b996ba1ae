package dev.authgate.account.http;

import dev.authgate.account.AdminService;
import dev.authgate.account.Callers;
import dev.authgate.store.StoredUser;
import dev.authgate.web.RouteModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.function.Function;

/**
 * User administration under /auth/admin/users, for an admin or a holder of {@code users:manage}.
 * Grants and revocations are idempotent PUT and DELETE on the role or permission as a resource;
 * every answer is the user as it is afterwards.
 */
public final class AdminRoutes implements RouteModule {
  private static final String USER = "/auth/admin/users/{id}";

  private final AdminService admin;
  private final Callers callers;

  public AdminRoutes(AdminService admin, Callers callers) {
    this.admin = admin;
    this.callers = callers;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/auth/admin/users", ctx -> answer(ctx, this::byEmail));
    routes.get(USER, ctx -> answer(ctx, c -> admin.user(id(c))));
    routes.put(
        USER + "/roles/{role}",
        ctx -> answer(ctx, c -> admin.grantRole(id(c), c.pathParam("role"))));
    routes.delete(
        USER + "/roles/{role}",
        ctx -> answer(ctx, c -> admin.revokeRole(id(c), c.pathParam("role"))));
    routes.put(
        USER + "/permissions/{permission}",
        ctx -> answer(ctx, c -> admin.grantPermission(id(c), c.pathParam("permission"))));
    routes.delete(
        USER + "/permissions/{permission}",
        ctx -> answer(ctx, c -> admin.revokePermission(id(c), c.pathParam("permission"))));
    routes.post(USER + "/deactivate", ctx -> answer(ctx, c -> admin.setActive(id(c), false)));
    routes.post(USER + "/activate", ctx -> answer(ctx, c -> admin.setActive(id(c), true)));
  }

  private void answer(Context ctx, Function<Context, StoredUser> action) {
    callers.authorized(ctx.header("Authorization"), AdminService.MANAGE_USERS);
    Responses.send(ctx, 200, Responses.managed(action.apply(ctx)));
  }

  private StoredUser byEmail(Context ctx) {
    String email = ctx.queryParam("email");
    if (email == null || email.isEmpty()) {
      throw JsonRequest.invalid("email is required: /auth/admin/users?email=someone@example.com");
    }
    return admin.userByEmail(email);
  }

  private static UUID id(Context ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw JsonRequest.invalid("the user id in the path is not a UUID");
    }
  }
}
