-- A different token on every request, read from the file named by BENCH_TOKENS (one per line),
-- so that no cache can help. The requests are formatted once, in init, so that the load generator
-- spends its share of the CPU on sending them rather than on building them.
local requests = {}
local count = 0
local next_index = 0

init = function(args)
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    count = count + 1
    requests[count] = wrk.format("GET", "/verify", { ["Authorization"] = "Bearer " .. line })
  end
end

request = function()
  next_index = next_index % count + 1
  return requests[next_index]
end
