-- Loaded by `manage.py bench` into wrk (-s). Once the run is over it prints one line,
-- "BENCH_RESULT {...}", with the totals, the latency percentiles (milliseconds) and every
-- latency wrk recorded with its count ("histogram": [[microseconds, count], ...]), so that
-- runs taken in slices can be pooled exactly.
-- Given paths after "--" (wrk ... URL -- /a/ /b/), the requests go round those paths.
local paths, counter = {}, 0

function init(args)
  for i, path in ipairs(args) do
    paths[i] = path
  end
end

function request()
  counter = counter + 1
  if #paths == 0 then
    return wrk.format()
  end
  return wrk.format(nil, paths[counter % #paths + 1])
end

function done(summary, latency, requests)
  local errors = summary.errors
  local percentiles = {}
  for _, q in ipairs({50, 90, 95, 99}) do
    table.insert(percentiles, string.format('"p%d": %.3f', q, latency:percentile(q) / 1000))
  end
  io.write("BENCH_RESULT {")
  io.write(string.format('"requests": %d, "seconds": %.3f, "bytes": %d, ',
    summary.requests, summary.duration / 1e6, summary.bytes))
  io.write(string.format('"socket_errors": %d, "non_2xx": %d, ',
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
  io.write(string.format('"mean": %.3f, "max": %.3f, ', latency.mean / 1000, latency.max / 1000))
  io.write(table.concat(percentiles, ", "))
  local histogram = {}
  for i = 1, #latency do
    local value, count = latency(i)
    histogram[i] = string.format("[%d,%d]", value, count)
  end
  io.write(', "histogram": [', table.concat(histogram, ","), "]")
  io.write("}\n")
end
