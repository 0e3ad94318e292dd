-- wrk: every request a new address (a query value no page reads), so that the server renders
-- each one instead of answering the page it kept.
local prefix
function init(args)
  prefix = tostring(math.random(1, 1e9))
end
local counter = 0
function request()
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "bench=" .. prefix .. "-" .. counter)
end
