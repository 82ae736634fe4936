-- wrk script for scripts/bench.py: counts answers whose status is not the one expected (the
-- argument after `--`: 304 for revalidation, else any 2xx; wrk's own count leaves out
-- redirects) and prints one machine-readable line when the run is done.
-- Each wrk thread runs its own Lua state, so done() sums the threads' counters.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   unexpected = 0
   expected = tonumber(args[1]) or 200
end

function response(status, headers, body)
   if expected == 304 then
      if status ~= 304 then
         unexpected = unexpected + 1
      end
   elseif status < 200 or status > 299 then
      unexpected = unexpected + 1
   end
end

function done(summary, latency, requests)
   local unexpected_total = 0
   for _, thread in ipairs(threads) do
      unexpected_total = unexpected_total + thread:get("unexpected")
   end
   local errors = summary.errors
   io.write(string.format(
      "BENCH-RESULT {\"requests\": %d, \"duration_us\": %d, \"p50_us\": %d, \"p95_us\": %d, "
         .. "\"p99_us\": %d, \"max_us\": %d, \"unexpected\": %d, \"connect\": %d, \"read\": %d, "
         .. "\"write\": %d, \"timeout\": %d}\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
      latency:percentile(99), latency.max, unexpected_total, errors.connect, errors.read,
      errors.write, errors.timeout
   ))
end
