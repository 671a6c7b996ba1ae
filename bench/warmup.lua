-- The warm-up before the measured rows: every /verify and JWKS request of the table in turn (the
-- same valid token, a new one of the pool, the same forged token, a new forged one, the session
-- cookie, the JWKS and its 304), so that the JIT compiles all of their paths, the RS256 check
-- included, before any row is measured. Tokens come from the directory named by BENCH_TOKEN_DIR
-- (bench/MintTokens.java writes it), the JWKS's ETag from BENCH_ETAG.
local requests = {}
local count = 0
local next_index = 0

local function lines(name)
  local result = {}
  for line in io.lines(os.getenv("BENCH_TOKEN_DIR") .. "/" .. name) do
    result[#result + 1] = line
  end
  return result
end

local function bearer(token)
  return wrk.format("GET", "/verify", { ["Authorization"] = "Bearer " .. token })
end

init = function(args)
  local valid = lines("valid.txt")[1]
  local invalid = lines("invalid.txt")[1]
  local session = lines("session.txt")[1]
  local pool = lines("pool.txt")
  local invalid_pool = lines("invalid-pool.txt")
  local same = bearer(valid)
  local forged = bearer(invalid)
  local cookie = wrk.format("GET", "/verify", { ["Cookie"] = "authgate_session=" .. session })
  local jwks = wrk.format("GET", "/.well-known/jwks.json")
  local jwks304 = wrk.format("GET", "/.well-known/jwks.json",
    { ["If-None-Match"] = os.getenv("BENCH_ETAG") })
  for i = 1, #pool do
    for _, r in ipairs({ same, bearer(pool[i]), forged,
      bearer(invalid_pool[(i - 1) % #invalid_pool + 1]), cookie, jwks, jwks304 }) do
      count = count + 1
      requests[count] = r
    end
  end
end

request = function()
  next_index = next_index % count + 1
  return requests[next_index]
end
