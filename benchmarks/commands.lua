-- wrk script for bench:commands: every request records a new outreach meeting (a fresh meetingId).
-- wrk -s benchmarks/commands.lua URL -- <8 hex digits unique to the run> <bearer token>
local prefix = "00000000"
local token = ""
local counter = 0

function init(args)
  prefix = args[1] or prefix
  token = args[2] or token
end

function request()
  counter = counter + 1
  local id = string.format("%s-0000-4000-8000-%012x", prefix, counter)
  local body = '{"meetingId":"' .. id .. '","date":"2026-04-10","place":{"communeCode":"24631"},' ..
    '"format":"conference","topics":["cooperative-law-2023","member-development"],"attendees":120,' ..
    '"cooperativesRepresented":8,"organisedBy":"Liên minh HTX tỉnh","activityId":"outreach","title":"Hội nghị tuyên truyền Luật HTX 2023"}'
  return wrk.format("POST", nil, {
    ["content-type"] = "application/json",
    ["authorization"] = "Bearer " .. token,
  }, body)
end
