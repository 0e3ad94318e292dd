#!/usr/bin/env bash
# Load on the office's web page: wrk on loopback against `zhoucun serve` (release) over the
# province-scale store (100,000 people, 1,000,000 memberships): a body page, a person page, a
# document page and a search, at 1, 16 and 64 connections; and the same framework serving a static
# page of the same size as each (the floor, `zhoucun-web-floor`). Each page twice: as kept (the
# same address again: the server keeps a page until the store changes) and as rendered (every
# request a new address, `unique.lua`, so that none is kept). Prints requests/s, p50 and p99, and
# the server's resident memory before and after.
#
#   tools/bench/web.sh smoke      2,000 people, 2 s a run (CI: no target is judged)
#   tools/bench/web.sh standard   100,000 people, 10 s a run, and a 60 s run for memory
#
# Targets on 2 cores: p99 ≤ 50 ms at 64 connections; each page within 3× of its floor's
# throughput; memory flat across the 60-second run. Needs wrk (tools/system-packages).
set -euo pipefail
size=${1:-standard}
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }
case $size in
  smoke)    people=2000; memberships=20000; seconds=2; long=4 ;;
  standard) people=100000; memberships=1000000; seconds=10; long=60 ;;
  *) echo "usage: $0 smoke|standard" >&2; exit 2 ;;
esac

release=(-c release --static-swift-stdlib)
for product in zhoucun zhoucun-bench zhoucun-web-floor; do swift build "${release[@]}" --product "$product" >/dev/null; done
bin=$(swift build "${release[@]}" --show-bin-path)
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

db="$work/province.sqlite"
"$bin/zhoucun" demo --db "$db" >/dev/null
"$bin/zhoucun-bench" province --db "$db" --people "$people" --memberships "$memberships" >/dev/null
name=$(sqlite3 "$db" "SELECT name FROM person WHERE id = 4242 % $people + 1")
body=$(sqlite3 "$db" "SELECT id FROM body ORDER BY id LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM body)")

"$bin/zhoucun" serve --db "$db" --port 0 >"$work/serve.log" 2>&1 &
pids+=($!)
server=$!
for _ in $(seq 100); do address=$(grep -o 'http://[0-9.:]*/' "$work/serve.log" || true); [ -n "$address" ] && break; sleep 0.1; done
[ -n "$address" ] || { cat "$work/serve.log" >&2; exit 1; }

# The load is a signed-in clerk's: an account, a sign-in through the form, its session cookie on
# every request (the session is looked up in the store each time).
password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$password" | "$bin/zhoucun" users add bench --role read --password-stdin --by bench --db "$db" >/dev/null
curl -sf -c "$work/jar" -o /dev/null "${address}login"
token=$(awk '$6 == "zhoucun_signin" {print $7}' "$work/jar")
curl -s -b "$work/jar" -c "$work/jar" -o /dev/null -H "Origin: ${address%/}" \
  --data-urlencode "token=$token" --data-urlencode "username=bench" --data-urlencode "password=$password" "${address}login"
session=$(awk '$6 == "zhoucun_session" {print $7}' "$work/jar")
[ -n "$session" ] || { echo "bench: could not sign in" >&2; exit 1; }
cookie="Cookie: zhoucun_session=$session"
rss() { ps -o rss= -p "$1" | tr -d ' '; }

encode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
pages=("body:bodies/$body" "person:people/$(encode "$name")" "document:documents/$(encode 周政办字〔2020〕35号)" "search:documents?q=$(encode 联席会议)")

# wrk's requests/s, p50 and p99 (ms) for one URL and connection count; a third argument `unique`
# makes every request's address new. Any answer but 200 fails the bench.
load() {
  local out script=()
  [ "${3:-}" = unique ] && script=(-s tools/bench/unique.lua)
  out=$(wrk --latency -t "$(( $2 < 2 ? 1 : 2 ))" -c "$2" -d "${seconds}s" -H "$cookie" "${script[@]}" "$1")
  if grep -q "Non-2xx" <<<"$out"; then echo "bench: $1 answered errors: $out" >&2; exit 1; fi
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  echo "$rps $p50 $p99"
}

echo "== web load ($size: $people people, $memberships memberships) on $(nproc) cores, ${seconds} s a run"
echo "server memory at start: $(rss "$server") KB"
port=$(( 20000 + RANDOM % 20000 ))
for entry in "${pages[@]}"; do
  label=${entry%%:*} path=${entry#*:}
  curl -sf -H "$cookie" -o "$work/$label.html" "$address$path" || { echo "bench: $address$path did not answer 200" >&2; exit 1; }
  "$bin/zhoucun-web-floor" "$work/$label.html" "$port" &
  floor=$!
  pids+=($floor)
  sleep 0.5
  printf '%-9s %7d bytes\n' "$label" "$(wc -c <"$work/$label.html")"
  for connections in 1 16 64; do
    read -r frps fp50 fp99 <<<"$(load "http://127.0.0.1:$port/" "$connections")"
    [ -n "$frps" ] || exit 1
    for mode in kept rendered; do
      read -r rps p50 p99 <<<"$(load "$address$path" "$connections" "$( [ $mode = rendered ] && echo unique)")"
      [ -n "$rps" ] || exit 1
      printf '  %2d connections  %-8s %9s req/s  p50 %8s  p99 %8s   floor %9s req/s  p99 %8s   floor/page %s\n' \
        "$connections" "$mode" "$rps" "$p50" "$p99" "$frps" "$fp99" "$(printf '%.2f' "$(echo "$frps / $rps" | bc -l)")"
    done
  done
  kill "$floor"; wait "$floor" 2>/dev/null || true
  port=$(( port + 1 ))
done
echo "  (targets: p99 ≤ 50 ms at 64 connections; floor/page ≤ 3)"

# Every request a new address: the kept pages fill their budget (32 MB) and the oldest go.
before=$(rss "$server")
wrk -t 2 -c 64 -d "${long}s" -H "$cookie" -s tools/bench/unique.lua "$address${pages[0]#*:}" >/dev/null
after=$(rss "$server")
echo "server memory across a ${long} s run at 64 connections on the body page, every address new: $before KB → $after KB (target: flat; pages kept up to 32 MB)"
