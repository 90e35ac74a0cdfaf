-- wrk script for scripts/perf/cpu-per-request.sh. Environment:
--   MODE=get (PATH_TEMPLATE with %d for the user number), put (PUT a profile), batch (POST batch-get of
--   BATCH ids), engine (DynamoDB GetItem straight to the engine); USERS: seeded users load-0..USERS-1.
local mode = os.getenv("MODE") or "get"
local template = os.getenv("PATH_TEMPLATE") or "/v1/users/load-%d"
local users = tonumber(os.getenv("USERS") or "1000")
local batch = tonumber(os.getenv("BATCH") or "100")
local dim = tonumber(os.getenv("DIMENSION") or "64")
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local features
function init(args)
  non2xx = 0
  math.randomseed(4242 + id)
  local f = {}
  for i = 1, dim do f[i] = string.format("%.4f", math.random() * 2 - 1) end
  features = "[" .. table.concat(f, ",") .. "]"
end

function request()
  local u = math.random(0, users - 1)
  if mode == "put" then
    local body = string.format('{"user_name":"User %d","attributes":{"tier":"gold","city":"Lyon","interests":["sf","crime"]},"user_features":%s}', u, features)
    return wrk.format("PUT", string.format("/v1/users/load-%d", u), { ["Content-Type"] = "application/json" }, body)
  elseif mode == "batch" then
    local ids = {}
    for i = 1, batch do ids[i] = string.format('"load-%d"', (u + i * 7) % users) end
    return wrk.format("POST", "/v1/users/batch-get", { ["Content-Type"] = "application/json" },
      '{"user_ids":[' .. table.concat(ids, ",") .. ']}')
  elseif mode == "engine" then
    local body = string.format('{"TableName":"UserProfiles","Key":{"user_id":{"S":"load-%d"}}}', u)
    return wrk.format("POST", "/", {
      ["Content-Type"] = "application/x-amz-json-1.0",
      ["X-Amz-Target"] = "DynamoDB_20120810.GetItem",
      ["X-Amz-Date"] = "20250101T000000Z",
      ["Authorization"] = "AWS4-HMAC-SHA256 Credential=load/20250101/us-west-2/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000",
    }, body)
  end
  return wrk.format("GET", string.format(template, u))
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
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad, errors))
end
