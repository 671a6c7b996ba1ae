package dev.authgate.web;

import io.javalin.config.RoutesConfig;

/** A group of routes that one part of authgate contributes to the app. */
public interface RouteModule {
  void register(RoutesConfig routes);
}
