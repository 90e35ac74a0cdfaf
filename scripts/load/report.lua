-- wrk script: spreads requests over the seeded users and reports p50/p99/p99.9 and non-2xx.
-- PATH_TEMPLATE holds %d for the user number; USERS is the number of seeded users.
local template = os.getenv("PATH_TEMPLATE") or "/v1/users/load-%d"
local users = tonumber(os.getenv("USERS") or "1000")
local token = os.getenv("TOKEN")
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  math.randomseed(12345 + id)
end

function request()
  counter = counter + 1
  local headers = nil
  if token then
    headers = { ["Authorization"] = "Bearer " .. token }
  end
  return wrk.format("GET", string.format(template, math.random(0, users - 1)), headers)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000, bad, errors))
end
