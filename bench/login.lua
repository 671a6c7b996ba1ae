-- POST /auth/login as the admin bench/run creates on the embedded store (AUTH_ADMIN_EMAIL and
-- AUTH_ADMIN_PASSWORD): the same request each time, so wrk sends it without calling Lua.
wrk.method = "POST"
wrk.body = '{"email":"bench@bench.example","password":"bench-password-not-secret"}'
wrk.headers["Content-Type"] = "application/json"
