-- POST /auth/login, in turn as each of the BENCH_LOGIN_ACCOUNTS accounts (bench-1@bench.example
-- and on) that bench/run registers on the embedded store. One account alone would measure its
-- limit of sign-ins at once (AUTH_LOGIN_MAX_FAILURES counts those still being checked), not
-- bcrypt: with 32 connections most of its logins would get 429 instead of a bcrypt check or a 503.
local accounts = tonumber(os.getenv("BENCH_LOGIN_ACCOUNTS") or "64")
local requests = {}
local turn = 0

function init(args)
  local headers = { ["Content-Type"] = "application/json" }
  for i = 1, accounts do
    local body = string.format(
      '{"email":"bench-%d@bench.example","password":"bench-password-not-secret"}', i)
    requests[i] = wrk.format("POST", nil, headers, body)
  end
end

function request()
  turn = turn % accounts + 1
  return requests[turn]
end
