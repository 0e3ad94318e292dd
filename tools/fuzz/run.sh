#!/usr/bin/env bash
# Builds and runs a libFuzzer target over the project's own code (swiftc -sanitize=fuzzer,address).
#
#   tools/fuzz/run.sh text|xml [SECONDS]     default 60 seconds
#
# The seed corpus is tools/fuzz/corpus/<target>/; new inputs go to a scratch copy, and crashes to
# tools/fuzz/out/. Prints the executions run and the crashes found.
set -euo pipefail
target=${1:?usage: run.sh text|xml [seconds]}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/tools/fuzz/out"
build="$out/build-$target"
mkdir -p "$build"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g)

# XMLCore alone (it must not share a module with Foundation), then the rest in one module.
swiftc "${flags[@]}" -emit-module -emit-library -static -module-name XMLCore \
  -Xcc -fmodule-map-file="$root/Shared/CLibXML2/module.modulemap" -Xcc -I/usr/include/libxml2 \
  "$root"/Shared/XMLCore/*.swift -emit-module-path "$build/XMLCore.swiftmodule" -o "$build/libXMLCore.a"
sources=("$root"/Shared/GazetteModel/*.swift "$root"/Shared/GazetteText/*.swift)
for file in "$root"/Shared/AkomaNtoso/*.swift; do
  [ "$(basename "$file")" = AkomaNtosoSchema.swift ] || sources+=("$file")
done
# One module: the imports between our own modules fall away.
mkdir -p "$build/src"
for file in "${sources[@]}"; do
  sed -E '/^import (GazetteModel|GazetteText)$/d' "$file" > "$build/src/$(basename "$(dirname "$file")")-$(basename "$file")"
done
case $target in
  text) entry="$root/tools/fuzz/FuzzText.swift" ;;
  xml) entry="$root/tools/fuzz/FuzzXML.swift" ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
swiftc "${flags[@]}" -module-name Fuzz -I "$build" -Xcc -fmodule-map-file="$root/Shared/CLibXML2/module.modulemap" \
  -Xcc -I/usr/include/libxml2 "$build"/src/*.swift "$root/tools/fuzz/BundleShim.swift" "$entry" \
  -L "$build" -lXMLCore -lxml2 -o "$build/fuzz-$target"

corpus="$build/corpus"
rm -rf "$corpus"; cp -r "$root/tools/fuzz/corpus/$target" "$corpus"
# The text target also starts from every real document of the project's corpus.
[ "$target" != text ] || cp "$root"/Tests/Corpus/texts/*.txt "$corpus"/
mkdir -p "$out/crashes-$target"
status=0
"$build/fuzz-$target" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix="$out/crashes-$target/" -print_final_stats=1 >"$build/log.txt" 2>&1 || status=$?
executions=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$build/log.txt")
crashes=$(find "$out/crashes-$target" -type f | wc -l)
echo "fuzz $target: ${executions:-0} executions in ${seconds}s, $crashes crash files (exit $status)"
[ "$crashes" -eq 0 ] || { tail -n 40 "$build/log.txt"; exit 1; }
