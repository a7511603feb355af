#!/usr/bin/env bash
# Streaming image folders through one epoch of the default CNN (issue #19, docs/benchmarks.md): generated folders of
# 64 × 64 PNGs (bench/images/make-folder.cs), for each size N: decode-only images/s on all cores, then
# `backprop train --data FOLDER --epochs 1` under /usr/bin/time: wall time, training images/s, the time the step waited
# for decoding, and peak RSS. Peak RSS must not grow with N. Usage: bench/images/run.sh [N ...] (default 3000 12000 10000 100000);
# folders are made once under ${BENCH_IMAGES:-/tmp/backprop-bench-images}. Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=${BENCH_IMAGES:-/tmp/backprop-bench-images}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(3000 12000 10000 100000)
dotnet build src/Backprop.Cli -c Release -v q -nologo >/dev/null
cli=src/Backprop.Cli/bin/Release/net10.0/Backprop.Cli.dll
grep -m1 'model name' /proc/cpuinfo | sed 's/.*: /machine: /'
echo "cores: $(nproc), vector level: $(grep -qw avx512f /proc/cpuinfo && [ "${DOTNET_EnableAVX512:-1}" != 0 ] && echo AVX-512 || echo AVX2)"
printf '| images | decode images/s | train wall s | train images/s | waited for data s | peak RSS MB |\n|---|---|---|---|---|---|\n'
for n in "${sizes[@]}"; do
  folder="$root/$n"
  [ -f "$folder/.done" ] || { rm -rf "$folder"; dotnet run bench/images/make-folder.cs -- make "$folder" "$n" >/dev/null; touch "$folder/.done"; }
  decode=$(dotnet run bench/images/make-folder.cs -- decode "$folder" 64 | sed -E 's/.*: ([0-9]+) images\/s.*/\1/')
  log=$(mktemp)
  /usr/bin/time -v dotnet "$cli" train --data "$folder" --epochs 1 --out "$log.bp" --no-plot >"$log" 2>&1
  train_s=$(sed -nE 's/.* steps in ([0-9.]+) s;.*/\1/p' "$log")
  waited=$(sed -nE 's/.*training waited ([0-9.]+) s of.*/\1/p' "$log")
  streamed=$(sed -nE 's/^Streamed ([0-9]+) images.*/\1/p' "$log")
  rss=$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$log")
  printf '| %s | %s | %s | %.0f | %s | %.0f |\n' "$n" "$decode" "$train_s" "$(echo "$streamed / $train_s" | bc -l)" "$waited" "$(echo "$rss / 1024" | bc -l)"
  rm -f "$log" "$log.bp"
done
