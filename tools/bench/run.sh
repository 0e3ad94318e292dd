#!/usr/bin/env bash
# Benchmarks for zhoucun: import throughput against xmllint, roster query latency against a bare
# sqlite3 process, peak memory of an import, start-up time. Prints the ratios the targets name.
#
#   tools/bench/run.sh smoke      a few seconds: tiny sizes, for CI (no target is judged)
#   tools/bench/run.sh standard   ~10 MB archive, 100,000 people and 1,000,000 memberships
#   tools/bench/run.sh large      adds a ~1 GB archive for peak memory (long; opt-in)
#
# Needs xmllint (apt-get install libxml2-utils), pdftotext (poppler-utils), sqlite3 and GNU time (/usr/bin/time).
set -euo pipefail
size=${1:-standard}
cd "$(dirname "$0")/../.."

for tool in xmllint pdftotext sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install libxml2-utils poppler-utils sqlite3 time)" >&2; exit 1; }
done

# The release build as it is installed: the Swift runtime linked in (README, "Installing").
# Both products with the same flags, so that neither build undoes the other.
release=(-c release --static-swift-stdlib)
swift build "${release[@]}" --product zhoucun >/dev/null
swift build "${release[@]}" --product zhoucun-bench >/dev/null
bin=$(swift build "${release[@]}" --show-bin-path)
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
t_xmllint=$(mean xmllint --stream --noout "${files[@]}")
# Each import into a fresh store (an import of files already imported does nothing).
start=$(now)
for run in $(seq 3); do "$zhoucun" import --db "$work/import-$run.sqlite" "${files[@]}" >/dev/null; done
end=$(now)
t_import=$(echo "($end - $start) / 3" | bc -l)
# What SQLite alone takes to write the rows that import wrote, clause index included: the same
# schema, every table's rows as INSERTs, one transaction, the store's own pragmas.
sqlite3 "$work/import-1.sqlite" .schema >"$work/schema.sql"
{
  echo "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; BEGIN;"
  for table in $(sqlite3 "$work/import-1.sqlite" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'clause_fts%'"); do
    sqlite3 "$work/import-1.sqlite" ".mode insert $table" "SELECT * FROM $table"
  done
  echo "COMMIT;"
} >"$work/rows.sql"
# Empty stores made beforehand: only the writing is timed.
for run in $(seq 3); do sqlite3 "$work/floor-$run.sqlite" <"$work/schema.sql"; done
start=$(now)
for run in $(seq 3); do sqlite3 "$work/floor-$run.sqlite" <"$work/rows.sql" >/dev/null; done
end=$(now)
t_floor=$(echo "($end - $start) / 3" | bc -l)
printf 'import: %d files, %.1f MB, %d documents (mean of 3 runs)\n' "${#files[@]}" "$(echo "$bytes / 1000000" | bc -l)" "$documents"
printf '  xmllint --stream --noout  %8.2f s\n' "$t_xmllint"
printf '  sqlite3 writing its rows  %8.2f s\n' "$t_floor"
printf '  zhoucun import            %8.2f s   %.2f MB/s   %.0f documents/s\n' "$t_import" \
  "$(echo "$bytes / 1000000 / $t_import" | bc -l)" "$(echo "$documents / $t_import" | bc -l)"
echo "  ratio import/xmllint      $(ratio "$t_import" "$t_xmllint")   (target ≤ 3)"
echo "  ratio import/sqlite3      $(ratio "$t_import" "$t_floor")   (what the store alone costs)"
rm -f "$work"/import-*.sqlite* "$work"/floor-*.sqlite*

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
"$zhoucun" demo --db "$db" >/dev/null   # a store with its schema (a read makes none)
"$bench" province --db "$db" --people "$people" --memberships "$memberships"
name=$(sqlite3 "$db" "SELECT name FROM person WHERE id = 4242 % $people + 1")
echo "roster queries ($people people, $memberships memberships): each against sqlite3 running the same SQL"
# Each query, whole process included, against a bare sqlite3 process running its SQL.
# MODE is how sqlite3 prints the rows: -json where zhoucun prints JSON, -csv where it prints CSV.
query() {
  local label=$1 mode=$2 sql=$3; shift 3
  local t t_sql
  t=$(mean "$zhoucun" "$@" --db "$db")
  t_sql=$(mean sqlite3 "$mode" "$db" "$sql")
  printf '  %-24s %8.4f s   sqlite3 %8.4f s   ratio %s   (target ≤ 3)\n' "$label" "$t" "$t_sql" "$(ratio "$t" "$t_sql")"
}
# The baselines are the SQL zhoucun runs for each command (RosterQueries.postSQL, bodySQL), with
# its parameters filled in; `roster unit` also reads the unit's names, duties and tasks.
posts="SELECT b.name AS body, p.name, m.role_label, m.role_code, o.name AS unit, m.titles, m.ord, m.start_date, m.end_date, m.citation, m.person_id FROM membership m JOIN body b ON b.id = m.body_id JOIN person p ON p.id = m.person_id JOIN document d ON d.id = m.document_id AND d.is_current = 1 LEFT JOIN organization o ON o.id = m.unit_id"
bodies="SELECT b.id, b.name, b.kind, b.citation, COALESCE(d.number, d.title) AS document, o.name AS office_unit, p.name AS office_director, (SELECT COUNT(*) FROM membership m JOIN document md ON md.id = m.document_id AND md.is_current = 1 WHERE m.body_id = b.id) AS members FROM body b LEFT JOIN document d ON d.id = b.document_id LEFT JOIN organization o ON o.id = b.office_unit_id LEFT JOIN person p ON p.id = b.office_director_id"
query "roster person" -json "$posts WHERE m.person_id IN (SELECT id FROM person WHERE name = '$name' UNION SELECT person_id FROM person_name WHERE name = '$name') ORDER BY p.id, d.date, b.id, m.ord" roster person "$name" --format json
query "roster person (300 posts)" -json "$posts WHERE m.person_id IN (SELECT id FROM person WHERE name = '任重远' UNION SELECT person_id FROM person_name WHERE name = '任重远') ORDER BY p.id, d.date, b.id, m.ord" roster person 任重远 --format json
query "roster body" -json "$posts WHERE m.body_id = 1234 ORDER BY d.date, m.document_id, m.ord" roster body 1234 --format json
query "roster unit" -csv "$posts WHERE m.unit_id = (SELECT id FROM organization WHERE name = '单位7') ORDER BY d.date, b.id, m.ord" roster unit 单位7 --format csv
query "roster shared --min 22" -csv "$posts WHERE m.person_id IN (SELECT m.person_id FROM membership m JOIN document d ON d.id = m.document_id AND d.is_current = 1 GROUP BY m.person_id HAVING COUNT(DISTINCT m.body_id) >= 22) ORDER BY p.id, d.date, b.id, m.ord" roster shared --min 22 --format csv
inforce="(EXISTS (SELECT 1 FROM document bd WHERE bd.id = b.document_id AND bd.is_current = 1) OR EXISTS (SELECT 1 FROM membership bm JOIN document bmd ON bmd.id = bm.document_id AND bmd.is_current = 1 WHERE bm.body_id = b.id))"
query "roster bodies" -csv "$bodies WHERE $inforce ORDER BY d.date, b.id" roster bodies --format csv

# 4. Start-up.
t_help=$(mean "$zhoucun" --help)
t_version=$(mean sqlite3 -version)
printf 'start-up: zhoucun --help %.4f s, sqlite3 -version %.4f s, ratio %s\n' "$t_help" "$t_version" "$(ratio "$t_help" "$t_version")"

# 5. An archive where the same bodies recur (one county's ten joint meetings, reissued month after
# month): each successive fifty issues imported into the same store. The cost of an issue must
# not grow with the archive (target: the last fifty within 1.3 times the first).
case $size in smoke) batches=2 ;; *) batches=4 ;; esac
"$bench" generate --out "$work/recurring" --counties 1 --years $(( (batches * 50 + 11) / 12 )) --format akn >/dev/null
mapfile -t recurring < <(ls "$work"/recurring/*/*.xml | sort | head -n $(( batches * 50 )))
echo "recurring bodies: $(( batches * 50 )) issues of one county imported fifty at a time into one store"
t_first=""
for batch in $(seq 0 $(( batches - 1 ))); do
  start=$(now)
  "$zhoucun" import --db "$work/recurring.sqlite" "${recurring[@]:$(( batch * 50 )):50}" >/dev/null
  end=$(now)
  t=$(echo "$end - $start" | bc -l)
  [ -n "$t_first" ] || t_first=$t
  printf '  issues %3d–%3d          %8.2f s   ratio to the first %s\n' $(( batch * 50 + 1 )) $(( batch * 50 + 50 )) "$t" "$(ratio "$t" "$t_first")"
done
echo "  (target: the last fifty within 1.3 times the first)"

# 6. The PDF door on the whole sample issue (31 pages, CID fonts), against pdftotext on the same
# file: the door's text (glyph boxes, lines, columns, running heads) and the whole import.
pdf=Tests/DoorFixtures/zhoucun-gazette-2020-09.pdf
t_pdftotext=$(mean pdftotext "$pdf" -)
t_door=$(mean "$zhoucun" gazette text "$pdf")
start=$(now)
for run in $(seq "$runs"); do "$zhoucun" import --db "$work/pdf-$run.sqlite" "$pdf" >/dev/null; done
end=$(now)
t_pdf_import=$(echo "($end - $start) / $runs" | bc -l)
echo "PDF door, the sample issue ($pdf):"
printf '  pdftotext                 %8.4f s\n' "$t_pdftotext"
printf '  zhoucun gazette text      %8.4f s   ratio %s   (target ≤ 2)\n' "$t_door" "$(ratio "$t_door" "$t_pdftotext")"
printf '  zhoucun import            %8.4f s   ratio %s   (the store included)\n' "$t_pdf_import" "$(ratio "$t_pdf_import" "$t_pdftotext")"
