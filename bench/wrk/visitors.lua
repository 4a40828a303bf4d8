-- wrk script: GET one path as a browser, each request from a different reader.
-- The service trusts loopback as a reverse proxy (bench config), so X-Forwarded-For plays the reader.
--   wrk ... -s bench/wrk/visitors.lua <url> -- <path> <mode>
--   mode: fresh (a new reader every request), repeat (64 readers over and over), bot (a crawler UA),
--         varied (a new reader every request, each with a User-Agent of its own: real browsers from
--         src/test/resources/bots/browser-user-agents.txt, the last number of each made unique, the way versions,
--         platforms and languages make readers' browsers differ; the bot check sees every one for the first time),
--         unique (a new reader every request, the fresh mode's browser with a build number of its own: new to the bot
--         check, like varied, while its length and content stay those of fresh)
local path, mode
local counter = 0
local ua_browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
local ua_bot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"

local thread_count = 0
local browsers = {}

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", tostring(math.random(1, 2000000000)))
  thread:set("tnum", tostring(thread_count))
end

-- The browser sample, split at its last number: prefix, suffix.
local function load_browsers()
  local file = io.open("src/test/resources/bots/browser-user-agents.txt")
  if not file then
    error("varied: run wrk from the repository root (src/test/resources/bots/browser-user-agents.txt)")
  end
  for line in file:lines() do
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local head, tail = line:match("^(.*%D)%d+(%D*)$")
      if head then
        browsers[#browsers + 1] = { head, tail }
      end
    end
  end
  file:close()
end

function init(args)
  path = args[1] or "/"
  mode = args[2] or "fresh"
  tid = tonumber(tid) or 0
  tnum = tonumber(tnum) or 1
  if mode == "varied" then
    load_browsers()
  end
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
  elseif mode == "unique" then
    headers["User-Agent"] = string.format(
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.%d.%d Safari/537.36",
      counter, tnum)
  elseif mode == "varied" then
    local b = browsers[counter % #browsers + 1]
    -- Unique across threads and requests: the request counter, then the thread's number.
    headers["User-Agent"] = b[1] .. string.format("%d%d", counter, tnum) .. b[2]
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
