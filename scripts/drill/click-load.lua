-- wrk script for Sharepulse load tests: every request is a click by a new reader (its own X-Forwarded-For, so
-- the service must trust 127.0.0.1 as a proxy) on a random post of POSTS (space-separated post ids), network
-- NETWORK (default reddit). At the end it prints, per second of the run, how many answers came back and how
-- many were not the expected 302, so a failover's gap shows up in time.
local posts = {}
for p in string.gmatch(os.getenv("POSTS") or "", "%S+") do
  posts[#posts + 1] = p
end
local network = os.getenv("NETWORK") or "reddit"
local ua = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  if #posts == 0 then
    error("POSTS is empty")
  end
  math.randomseed(tid * 7919 + os.time())
  n = 0
  answers = {}
  wrong = {}
end

function request()
  n = n + 1
  local ip = string.format("10.%d.%d.%d", tid % 256, math.floor(n / 256) % 256, n % 256)
  local post = posts[math.random(#posts)]
  return wrk.format("GET", "/s/" .. post .. "/" .. network,
    { ["User-Agent"] = ua, ["X-Forwarded-For"] = "198.18." .. (tid % 256) .. "." .. (n % 250) .. ", " .. ip })
end

function response(status, headers, body)
  -- Flat tables with string keys: wrk copies nothing else from a thread to done().
  local s = tostring(os.time())
  answers[s] = (answers[s] or 0) + 1
  if status ~= 302 then
    wrong[s] = (wrong[s] or 0) + 1
  end
end

function done(summary, latency, requests)
  local all, bad, keys = {}, {}, {}
  for _, thread in ipairs(threads) do
    local w = thread:get("wrong")
    for s, count in pairs(thread:get("answers")) do
      if all[s] == nil then
        keys[#keys + 1] = s
        all[s], bad[s] = 0, 0
      end
      all[s] = all[s] + count
      bad[s] = bad[s] + (w[s] or 0)
    end
  end
  table.sort(keys, function(a, b) return tonumber(a) < tonumber(b) end)
  for _, s in ipairs(keys) do
    io.write(string.format("second %s answers %d not-302 %d\n", s, all[s], bad[s]))
  end
  io.write(string.format("total %d errors(connect,read,write,status,timeout) %d,%d,%d,%d,%d p50_ms %.1f p99_ms %.1f max_ms %.1f\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
