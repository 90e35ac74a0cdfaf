-- wrk script for scripts/perf/rollout-under-load.sh: GET recommendations of random users load-0..USERS-1 and
-- check every answer: 2xx, and a model block naming exactly one model that scored it, of the dimension that
-- model has (DIMENSIONS="default=64,books-v2=128"). Prints one RESULT line per thread group at the end.
local users = tonumber(os.getenv("USERS") or "1000")
local dims = {}
for name, d in string.gmatch(os.getenv("DIMENSIONS") or "default=64", "([%w%.%-_]+)=(%d+)") do dims[name] = d end
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  non2xx, mixed, per = 0, 0, {}
  math.randomseed(777 + id)
end

function request()
  return wrk.format("GET", string.format("/v1/users/load-%d/recommendations?k=10", math.random(0, users - 1)))
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if non2xx <= 3 then io.stderr:write(status .. " " .. body .. "\n") end
    return
  end
  local name = string.match(body, '"model":{[^}]-"name":"([^"]+)"')
  local dim = string.match(body, '"model":{[^}]-"dimension":(%d+)')
  local _, names = string.gsub(body, '"name":"', "")
  if name == nil or names ~= 1 or dims[name] == nil or dims[name] ~= dim then
    mixed = mixed + 1
    if mixed <= 3 then io.stderr:write("unexpected model block: " .. string.sub(body, 1, 300) .. "\n") end
    return
  end
  per[name] = (per[name] or 0) + 1
end

function done(summary, latency, requests)
  local bad, unclear, counts = 0, 0, {}
  for _, t in ipairs(threads) do
    bad = bad + t:get("non2xx")
    unclear = unclear + t:get("mixed")
    for name, _ in pairs(dims) do
      local c = t:get("per")[name]
      counts[name] = (counts[name] or 0) + (c or 0)
    end
  end
  local parts = {}
  for name, c in pairs(counts) do table.insert(parts, name .. "=" .. c) end
  table.sort(parts)
  io.write(string.format("RESULT requests=%d non2xx=%d socket_errors=%d unclear_model=%d p99_ms=%.1f by_model: %s\n",
    summary.requests, bad, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    unclear, latency:percentile(99) / 1000, table.concat(parts, " ")))
end
