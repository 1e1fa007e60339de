-- wrk script for scripts/load-test.sh. Every request posts the JSON body
-- stored in the file named by LOAD_TEST_BODY. Each thread counts the
-- responses that are not 2xx or whose report verdict is not "valid".

local threads = {}
local body_file = assert(io.open(os.getenv("LOAD_TEST_BODY"), "rb"))

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = body_file:read("*a")
body_file:close()

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  responses = 0
  not_2xx = 0
  not_valid = 0
end

function response(status, headers, body)
  responses = responses + 1
  if status < 200 or status > 299 then
    not_2xx = not_2xx + 1
  elseif not string.find(body, '"verdict":"valid"', 1, true) then
    not_valid = not_valid + 1
  end
end

-- done prints one "key value" line per figure for scripts/load-test.sh.
function done(summary, latency, requests)
  local counted, not_2xx_total, not_valid_total = 0, 0, 0
  for _, thread in ipairs(threads) do
    counted = counted + thread:get("responses")
    not_2xx_total = not_2xx_total + thread:get("not_2xx")
    not_valid_total = not_valid_total + thread:get("not_valid")
  end
  local errors = summary.errors
  io.write(string.format("responses %d\n", counted))
  io.write(string.format("not_2xx %d\n", not_2xx_total))
  io.write(string.format("not_valid %d\n", not_valid_total))
  io.write(string.format("socket_errors %d\n", errors.connect + errors.read
    + errors.write + errors.timeout))
  io.write(string.format("seconds %.2f\n", summary.duration / 1e6))
  io.write(string.format("requests_per_second %.1f\n",
    summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("latency_p%d_ms %.2f\n", p,
      latency:percentile(p) / 1000))
  end
  io.write(string.format("latency_max_ms %.2f\n", latency.max / 1000))
end
