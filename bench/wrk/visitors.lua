-- wrk script: GET one path as a browser, each request from a different reader.
-- The service trusts loopback as a reverse proxy (bench config), so X-Forwarded-For plays the reader.
--   wrk ... -s bench/wrk/visitors.lua <url> -- <path> <mode>
--   mode: fresh (a new reader every request), repeat (64 readers over and over), bot (a crawler UA)
local path, mode
local counter = 0
local ua_browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
local ua_bot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"

function setup(thread)
  thread:set("tid", tostring(math.random(1, 2000000000)))
end

function init(args)
  path = args[1] or "/"
  mode = args[2] or "fresh"
  tid = tonumber(tid) or 0
end

local function ip(n)
  -- LuaJIT has no bit operators in the language: divide instead.
  return string.format("%d.%d.%d.%d", 10 + math.floor(n / 16777216) % 200, math.floor(n / 65536) % 256,
    math.floor(n / 256) % 256, n % 256)
end

function request()
  counter = counter + 1
  local headers = {}
  if mode == "bot" then
    headers["User-Agent"] = ua_bot
  else
    headers["User-Agent"] = ua_browser
  end
  if mode == "repeat" then
    headers["X-Forwarded-For"] = ip(counter % 64)
  else
    headers["X-Forwarded-For"] = ip((tid * 7919 + counter) % 4000000000)
  end
  return wrk.format("GET", path, headers)
end

-- One machine-readable line for bench/run.sh, after wrk's own summary.
function done(summary, latency, requests)
  local errors = summary.errors
  local failed = errors.status + errors.connect + errors.read + errors.write + errors.timeout
  io.write(string.format("BENCH requests=%d seconds=%.3f rps=%.0f p50=%.2f p99=%.2f p999=%.2f failed=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, failed))
end
