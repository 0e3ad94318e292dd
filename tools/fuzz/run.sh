#!/usr/bin/env bash
# Builds and runs a libFuzzer target over the project's own code (swiftc -sanitize=fuzzer,address).
#
#   tools/fuzz/run.sh text|xml|html|ofd|docx|pdf|doors [SECONDS]     default 60 seconds (each)
#
# The seed corpus is tools/fuzz/corpus/<target>/ (the doors: the fixtures of their format in
# Tests/DoorFixtures); new inputs go to a scratch copy, and crashes to tools/fuzz/out/. The four
# doors share one build. Prints the executions run and the crashes found.
set -euo pipefail
target=${1:?usage: run.sh text|xml|html|ofd|docx|pdf|doors [seconds]}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/tools/fuzz/out"
case $target in
  text|xml) kind=$target ;;
  html|ofd|docx|pdf|doors) kind=doors ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
build="$out/build-$kind"
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
libraries=(-lXMLCore -lxml2)
module_maps=(-Xcc -fmodule-map-file="$root/Shared/CLibXML2/module.modulemap" -Xcc -I/usr/include/libxml2)
if [ "$kind" = doors ]; then
  # The doors' own modules: ZIPFoundation (from the package checkout: run `swift build` first) and
  # PDFCore over the C loader of poppler.
  zip="$root/.build/checkouts/ZIPFoundation/Sources"
  [ -d "$zip" ] || { echo "fuzz: run swift build first (ZIPFoundation's checkout is missing)" >&2; exit 1; }
  zlib_map=(-Xcc -fmodule-map-file="$zip/CZLib/module.modulemap")
  swiftc "${flags[@]}" -swift-version 5 -emit-module -emit-library -static -module-name ZIPFoundation "${zlib_map[@]}" -Xcc -D_GNU_SOURCE=1 \
    "$zip"/ZIPFoundation/*.swift -emit-module-path "$build/ZIPFoundation.swiftmodule" -o "$build/libZIPFoundation.a"
  printf 'module CPopplerLoader {\n  header "%s"\n  export *\n}\n' "$root/Shared/CPopplerLoader/include/zc_poppler.h" >"$build/loader.modulemap"
  clang -fsanitize=fuzzer-no-link,address -O1 -g -c "$root/Shared/CPopplerLoader/zc_poppler.c" \
    -I "$root/Shared/CPopplerLoader/include" -o "$build/zc_poppler.o"
  swiftc "${flags[@]}" -emit-module -emit-library -static -module-name PDFCore -Xcc -fmodule-map-file="$build/loader.modulemap" \
    "$root"/Shared/PDFCore/*.swift -emit-module-path "$build/PDFCore.swiftmodule" -o "$build/libPDFCore.a"
  sources+=("$root"/Shared/GazetteDoors/*.swift)
  libraries+=(-lZIPFoundation -lPDFCore "$build/zc_poppler.o" -lz)
  module_maps+=("${zlib_map[@]}" -Xcc -fmodule-map-file="$build/loader.modulemap")
fi
# One module: the imports between our own modules fall away.
rm -rf "$build/src"; mkdir -p "$build/src"
for file in "${sources[@]}"; do
  sed -E '/^(@testable )?import (GazetteModel|GazetteText|GazetteDoors)$/d' "$file" > "$build/src/$(basename "$(dirname "$file")")-$(basename "$file")"
done
case $kind in
  text) entry="$root/tools/fuzz/FuzzText.swift" ;;
  xml) entry="$root/tools/fuzz/FuzzXML.swift" ;;
  doors) entry="$root/tools/fuzz/FuzzDoors.swift" ;;
esac
swiftc "${flags[@]}" -module-name Fuzz -I "$build" "${module_maps[@]}" "$build"/src/*.swift "$root/tools/fuzz/BundleShim.swift" "$entry" \
  -L "$build" "${libraries[@]}" -o "$build/fuzz-$kind"

# `doors` runs each door in turn on the one build.
targets=("$target")
[ "$target" != doors ] || targets=(html ofd docx pdf)
failed=0
for target in "${targets[@]}"; do
  corpus="$build/corpus-$target"
  rm -rf "$corpus"; mkdir -p "$corpus"
  max_len=65536
  options=()
  case $target in
    # The text target also starts from every real document of the project's corpus.
    text) cp "$root"/tools/fuzz/corpus/text/* "$root"/Tests/Corpus/texts/*.txt "$corpus"/ ;;
    xml) cp "$root"/tools/fuzz/corpus/xml/* "$corpus"/ ;;
    # The doors start from the fixtures of their format.
    # Foundation's FileManager leaks a path buffer at each call (the zip doors open a private copy):
    # leaks are not looked for there.
    *) cp "$root"/Tests/DoorFixtures/*."$target" "$corpus"/; max_len=1048576; options=(-detect_leaks=0) ;;
  esac
  mkdir -p "$out/crashes-$target"
  status=0
  FUZZ_DOOR=$target ASAN_OPTIONS="${options:+detect_leaks=0}" "$build/fuzz-$kind" "$corpus" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$out/crashes-$target/" -print_final_stats=1 "${options[@]}" >"$build/log-$target.txt" 2>&1 || status=$?
  executions=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$build/log-$target.txt" | tail -n 1)
  crashes=$(find "$out/crashes-$target" -type f | wc -l)
  echo "fuzz $target: ${executions:-0} executions in ${seconds}s, $crashes crash files (exit $status)"
  [ "$crashes" -eq 0 ] || { tail -n 40 "$build/log-$target.txt"; failed=1; }
done
exit "$failed"
