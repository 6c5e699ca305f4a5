-- wrk script: optional POST (args: POST <body>), and one JSON line of results at the end.
function init(args)
  if args[1] == "POST" then
    wrk.method = "POST"
    wrk.body = args[2]
  end
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"rps": %.2f, "p50": %.2f, "p95": %.2f, "requests": %d, "errors": %d}\n',
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests, errors))
end
