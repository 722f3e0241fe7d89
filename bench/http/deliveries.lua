-- wrk script: cycles through pre-signed, pre-encrypted deliveries (bench DeliveryPool lines:
-- timestamp TAB nonce TAB signature TAB body). Threads take disjoint lines so every event id is
-- sent once; a thread that runs out wraps around and counts it, and done() reports that (the
-- run is then invalid for unique events).
-- Usage: wrk -t T -s deliveries.lua URL -- <pool file> T [delay ms before each request]
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  local nthreads = tonumber(args[2] or "1")
  local pause = tonumber(args[3] or "0")
  if pause > 0 then
    -- Defined only when asked for: wrk takes a slower path for every request once delay() exists.
    delay = function() return pause end
  end
  pool = {}
  n = 0
  i = 0
  wrapped = 0
  local lineno = 0
  for line in io.lines(args[1]) do
    if lineno % nthreads == tid then
      local ts, nonce, sig, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      n = n + 1
      pool[n] = wrk.format("POST", nil, {
        ["Content-Type"] = "application/json; charset=utf-8",
        ["X-Lark-Request-Timestamp"] = ts,
        ["X-Lark-Request-Nonce"] = nonce,
        ["X-Lark-Signature"] = sig,
      }, body)
    end
    lineno = lineno + 1
  end
end

function request()
  i = i + 1
  if i > n then
    i = 1
    wrapped = wrapped + 1
  end
  return pool[i]
end

function done(summary, latency, requests)
  local wraps = 0
  local size = 0
  for _, thread in ipairs(threads) do
    wraps = wraps + thread:get("wrapped")
    size = size + thread:get("n")
  end
  local seconds = summary.duration / 1e6
  local non2xx = summary.errors.status
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format(
    "RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d non2xx=%d socket_errors=%d pool=%d wrapped=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, non2xx, errors, size, wraps))
end
