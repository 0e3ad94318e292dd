#!/usr/bin/env bash
# The browser walk (tools/browser/walk.py) against a real server on a loopback port: the sample
# issue imported into a fresh store, `zhoucun serve --port 0`, Debian's Chromium driven by
# Playwright. Screenshots go to .build/browser/ (test output, not committed).
# Needs: chromium and fonts-noto-cjk (tools/system-packages), python3 with venv; the Python
# packages are pinned and installed into .build/browser-venv on first use.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.build/browser-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import playwright, axe_playwright_python, openpyxl" 2>/dev/null; then
  python3 -m venv "$venv"
  # Playwright's driver matches Debian's Chromium; never `playwright install` (it downloads a browser).
  # openpyxl opens the Excel downloads as a spreadsheet program would.
  "$venv/bin/pip" install -q playwright==1.64.1 axe-playwright-python==0.1.8 openpyxl==3.1.5
fi
swift build --product zhoucun >/dev/null
folder=$(mktemp -d)
# A password made for this run only.
export WALK_PASSWORD="walk-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$folder"' EXIT
.build/debug/zhoucun demo --db "$folder/zhoucun.sqlite" >/dev/null
# The clerk of the walk: an account made as an administrator makes one (bcrypt at its lowest cost).
printf '%s\n' "$WALK_PASSWORD" | ZHOUCUN_BCRYPT_COST=4 .build/debug/zhoucun users add 王丽 --unit 区生态环境分局 --role read \
  --role pollution --password-stdin --by 管理员 --db "$folder/zhoucun.sqlite" >/dev/null
# A document whose text is markup and script (tools/browser/hostile.txt): shown as text, never run.
.build/debug/zhoucun import tools/browser/hostile.txt --db "$folder/zhoucun.sqlite" >/dev/null
# An alert issued on the command line, for the clerk to correct on the page.
.build/debug/zhoucun pollution alerts issue --level 橙色 --issued 2020-12-01T13:00 --by 王芳 --db "$folder/zhoucun.sqlite" >/dev/null
.build/debug/zhoucun serve --db "$folder/zhoucun.sqlite" --port 0 >"$folder/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do
  address=$(grep -o 'http://[0-9.:]*/' "$folder/serve.log" || true)
  [ -n "$address" ] && break
  sleep 0.2
done
[ -n "$address" ] || { echo "the server did not start:" >&2; cat "$folder/serve.log" >&2; exit 1; }
"$venv/bin/python" tools/browser/walk.py "$address" .build/browser 王丽
