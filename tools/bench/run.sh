#!/usr/bin/env bash
# Benchmarks for zhoucun: import throughput against xmllint, roster query latency against a bare
# sqlite3 process, peak memory of an import, start-up time. Prints the ratios the targets name.
#
#   tools/bench/run.sh smoke      a few seconds: tiny sizes, for CI (no target is judged)
#   tools/bench/run.sh standard   ~10 MB archive, 100,000 people and 1,000,000 memberships
#   tools/bench/run.sh large      adds a ~1 GB archive for peak memory (long; opt-in)
#
# Needs xmllint (apt-get install libxml2-utils), sqlite3 and GNU time (/usr/bin/time).
set -euo pipefail
size=${1:-standard}
cd "$(dirname "$0")/../.."

for tool in xmllint sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install libxml2-utils sqlite3 time)" >&2; exit 1; }
done

swift build -c release --product zhoucun >/dev/null
swift build -c release --product zhoucun-bench >/dev/null
bin=$(swift build -c release --show-bin-path)
zhoucun=$bin/zhoucun
bench=$bin/zhoucun-bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case $size in
  smoke)    counties=1; years=1; people=2000; memberships=20000; runs=3 ;;
  standard) counties=8; years=1; people=100000; memberships=1000000; runs=10 ;;
  large)    counties=8; years=1; people=100000; memberships=1000000; runs=10 ;;
  *) echo "usage: $0 smoke|standard|large" >&2; exit 2 ;;
esac

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }
ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }
# Mean wall time of a command over $runs runs, output discarded.
mean() {
  local start end
  start=$(now)
  for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1; done
  end=$(now)
  echo "($end - $start) / $runs" | bc -l
}

echo "== zhoucun benchmarks ($size) on $(nproc) cores"

# 1. Import throughput against the physical limit: xmllint streaming over the same files.
"$bench" generate --out "$work/archive" --counties "$counties" --years "$years" --format akn >"$work/generate.txt"
files=("$work"/archive/*/*.xml)
bytes=$(cat "${files[@]}" | wc -c)
documents=$(sed -E 's/.*documents=([0-9]+).*/\1/' "$work/generate.txt")
start=$(now); xmllint --stream --noout "${files[@]}"; end=$(now)
t_xmllint=$(elapsed "$start" "$end")
start=$(now); "$zhoucun" import --db "$work/import.sqlite" "${files[@]}" >/dev/null; end=$(now)
t_import=$(elapsed "$start" "$end")
printf 'import: %d files, %.1f MB, %d documents\n' "${#files[@]}" "$(echo "$bytes / 1000000" | bc -l)" "$documents"
printf '  xmllint --stream --noout  %8.2f s\n' "$t_xmllint"
printf '  zhoucun import            %8.2f s   %.2f MB/s   %.0f documents/s\n' "$t_import" \
  "$(echo "$bytes / 1000000 / $t_import" | bc -l)" "$(echo "$documents / $t_import" | bc -l)"
echo "  ratio import/xmllint      $(ratio "$t_import" "$t_xmllint")   (target ≤ 3)"

# 2. Peak memory of an import, by archive size.
peak() { /usr/bin/time -f '%M' "$zhoucun" import --db "$1" "${@:2}" 2>&1 >/dev/null | tail -n 1; }
rm -f "$work/import.sqlite"*
echo "peak memory of an import:"
echo "  $(printf '%.1f' "$(echo "$bytes / 1000000" | bc -l)") MB archive: $(peak "$work/peak1.sqlite" "${files[@]}") KB"
if [ "$size" = large ]; then
  # About 1 GB: 370 counties' monthly issues for a year, long documents (~2.3 MB of XML per county).
  "$bench" generate --out "$work/big" --counties 370 --years 1 --paragraphs 200 --format akn >"$work/big.txt"
  big=("$work"/big/*/*.xml)
  big_bytes=$(cat "${big[@]}" | wc -c)
  echo "  $(printf '%.1f' "$(echo "$big_bytes / 1000000" | bc -l)") MB archive: $(peak "$work/peak2.sqlite" "${big[@]}") KB"
  rm -rf "$work/big"
fi

# 3. Query latency on a province-scale store, whole process included, against a bare sqlite3.
db="$work/province.sqlite"
"$zhoucun" docs list --db "$db" >/dev/null   # creates the schema
"$bench" province --db "$db" --people "$people" --memberships "$memberships"
name=$(sqlite3 "$db" "SELECT name FROM person WHERE id = 4242 % $people + 1")
echo "roster queries ($people people, $memberships memberships): each against sqlite3 running the same SQL"
# Each query, whole process included, against a bare sqlite3 process running its SQL.
query() {
  local label=$1 sql=$2; shift 2
  local t t_sql
  t=$(mean "$zhoucun" "$@" --db "$db")
  t_sql=$(mean sqlite3 "$db" "$sql")
  printf '  %-24s %8.4f s   sqlite3 %8.4f s   ratio %s   (target ≤ 3)\n' "$label" "$t" "$t_sql" "$(ratio "$t" "$t_sql")"
}
posts="SELECT b.name, p.name, m.role_label, o.name, m.titles, m.citation FROM membership m JOIN body b ON b.id = m.body_id JOIN person p ON p.id = m.person_id JOIN document d ON d.id = m.document_id AND d.is_current = 1 LEFT JOIN organization o ON o.id = m.unit_id"
query "roster person" "$posts WHERE m.person_id IN (SELECT id FROM person WHERE name = '$name')" roster person "$name" --format json
query "roster body" "$posts WHERE m.body_id = 1234 ORDER BY m.ord" roster body 1234 --format json
query "roster unit" "$posts WHERE m.unit_id = (SELECT id FROM organization WHERE name = '单位7')" roster unit 单位7 --format csv
query "roster shared --min 22" "$posts WHERE m.person_id IN (SELECT person_id FROM membership GROUP BY person_id HAVING COUNT(DISTINCT body_id) >= 22)" roster shared --min 22 --format csv
query "roster bodies" "SELECT b.id, b.name, (SELECT COUNT(*) FROM membership m WHERE m.body_id = b.id) FROM body b" roster bodies --format csv

# 4. Start-up.
t_help=$(mean "$zhoucun" --help)
t_version=$(mean sqlite3 -version)
printf 'start-up: zhoucun --help %.4f s, sqlite3 -version %.4f s, ratio %s\n' "$t_help" "$t_version" "$(ratio "$t_help" "$t_version")"
