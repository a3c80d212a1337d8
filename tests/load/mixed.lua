-- wrk script for the load test: three reads for every write, at every connection.
--
-- Writes set one figure each, every one to a cell (commune × element × month) no other write
-- touches, to the value 100000 + its number, with the number as X-Request-Id; the server
-- echoes that id, so each acknowledged write is known and can be looked for in the database
-- afterwards. Reads: a report's form, a district query, the status of a district's reports.
-- Usage: wrk … -s mixed.lua URL -- TOKEN THREADS OUT_PREFIX COMMUNE…

local communes = {}  -- from the command line: the communes of the sample before 2025
local elements = {"online.posts", "prestige.mobilisations", "documents.issued",
                  "documents.coordination", "youth.shock_teams", "models.replicated",
                  "education.under_management", "security.teams_tuantra"}
local periods = {}
for year = 2019, 2024 do
  for month = 1, 12 do periods[#periods + 1] = string.format("%d%02d", year, month) end
end
local reads = {
  "/api/v1/data-sets/commune-monthly/reports/23317/202303",
  "/api/v1/analytics?measure=propaganda.sessions,propaganda.participants&under=62&by=district&period=2022",
  "/api/v1/data-sets/commune-monthly/status?under=608&period=2022&page_size=20",
  "/api/v1/units?under=62&at=2022-12-31&level=district",
}

local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  token = args[1]
  nthreads = tonumber(args[2])
  out_prefix = args[3]
  for i = 4, #args do communes[#communes + 1] = args[i] end
  n = 0
  w = 0
  errors = 0
  acked = {}
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  n = n + 1
  if n % 4 ~= 0 then
    return wrk.format("GET", reads[(n % #reads) + 1])
  end
  local k = id + nthreads * w
  w = w + 1
  local c = communes[(k % #communes) + 1]
  local e = elements[(math.floor(k / #communes) % #elements) + 1]
  local p = periods[(math.floor(k / (#communes * #elements)) % #periods) + 1]
  local body = string.format('{"values":[{"element":"%s","value":%d}]}', e, 100000 + k)
  return wrk.format("PUT", "/api/v1/data-sets/commune-monthly/reports/" .. c .. "/" .. p,
                    {["Content-Type"] = "application/json", ["X-Request-Id"] = "w-" .. k,
                     ["Authorization"] = "Bearer " .. token}, body)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    errors = errors + 1
    if errors <= 5 then io.stderr:write("load: ", status, " ", body, "\n") end
    return
  end
  local rid = headers["X-Request-Id"]
  if rid and rid:sub(1, 2) == "w-" then acked[#acked + 1] = tonumber(rid:sub(3)) end
end

function done(summary, latency, requests)
  local out_prefix = threads[1]:get("out_prefix")
  local total_errors = 0
  local f = io.open(out_prefix .. ".acked", "w")
  for _, thread in ipairs(threads) do
    total_errors = total_errors + thread:get("errors")
    for _, k in ipairs(thread:get("acked")) do f:write(k, "\n") end
  end
  f:close()
  local g = io.open(out_prefix .. ".summary", "w")
  g:write(string.format("requests %d\nerrors %d\nsocket_errors %d\np50_ms %.3f\np99_ms %.3f\n",
                        summary.requests, total_errors,
                        summary.errors.connect + summary.errors.read + summary.errors.write +
                        summary.errors.timeout, latency:percentile(50) / 1000,
                        latency:percentile(99) / 1000))
  g:close()
end
