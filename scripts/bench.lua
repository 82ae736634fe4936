-- wrk script for scripts/bench.py: counts answers that are not 2xx (wrk's own count leaves
-- out redirects) and prints one machine-readable line when the run is done.
-- Each wrk thread runs its own Lua state, so done() sums the threads' counters.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   non2xx = 0
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
   end
end

function done(summary, latency, requests)
   local non2xx_total = 0
   for _, thread in ipairs(threads) do
      non2xx_total = non2xx_total + thread:get("non2xx")
   end
   local errors = summary.errors
   io.write(string.format(
      "BENCH-RESULT {\"requests\": %d, \"duration_us\": %d, \"p50_us\": %d, \"p95_us\": %d, "
         .. "\"p99_us\": %d, \"max_us\": %d, \"non2xx\": %d, \"connect\": %d, \"read\": %d, "
         .. "\"write\": %d, \"timeout\": %d}\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
      latency:percentile(99), latency.max, non2xx_total, errors.connect, errors.read,
      errors.write, errors.timeout
   ))
end
