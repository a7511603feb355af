#!/usr/bin/env bash
# GEMM GFLOP/s of Backprop beside OpenBLAS (through NumPy) on the same shapes, types and thread counts, in one run.
#   bench/run-gemm.sh [shape filter…]        e.g. bench/run-gemm.sh cat mnist
# Environment: ROUNDS (default 3) alternates ours and OpenBLAS that many times and keeps each cell's median, because
# the host is noisy; GEMM_BENCH_SECONDS (default 0.5) is the timing budget per case and round.
# LEVEL (issue #8) runs both at one vector width: native (default: each at its best), avx2 (DOTNET_EnableAVX512=0 and
# OPENBLAS_CORETYPE=Haswell) or 128 (DOTNET_EnableAVX2=0 and OPENBLAS_CORETYPE=Nehalem).
set -euo pipefail
level="${LEVEL:-native}"
case "$level" in
    native) ours_env=(); coretype=() ;;
    avx512) ours_env=(); coretype=(OPENBLAS_CORETYPE=SkylakeX) ;;   # 0.3.21 takes Sapphire Rapids for Prescott when left to itself
    avx2) ours_env=(DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0); coretype=(OPENBLAS_CORETYPE=Haswell) ;;
    128) ours_env=(DOTNET_EnableAVX2=0); coretype=(OPENBLAS_CORETYPE=Nehalem) ;;
    *) echo "run-gemm.sh: LEVEL must be native, avx512, avx2 or 128; got '$level'" >&2; exit 2 ;;
esac
here="$(cd "$(dirname "$0")" && pwd)"
rounds="${ROUNDS:-3}"
export GEMM_BENCH_SECONDS="${GEMM_BENCH_SECONDS:-0.5}"
art="${GEMM_ARTIFACTS:-/tmp/backprop-bench-art}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python=/usr/bin/python3   # Debian's, with python3-numpy; the pyenv python3 on PATH has no NumPy
have_openblas=1
if ! env -u OPENBLAS_CORETYPE OPENBLAS_NUM_THREADS=1 "$python" - <<'PY' 2>"$work/why"
import sys
try:
    import numpy as np
except ImportError:
    sys.exit("NumPy is not installed for /usr/bin/python3 (apt-get install python3-numpy)")
np.dot(np.ones((64, 64), np.float32), np.ones((64, 64), np.float32))
if not any("libopenblas" in line for line in open("/proc/self/maps")):
    sys.exit("NumPy does not load OpenBLAS (apt-get install libopenblas0-pthread)")
PY
then
    have_openblas=0
    echo "run-gemm.sh: no OpenBLAS comparison: $(cat "$work/why")" >&2
fi

dotnet build "$here/Backprop.Bench/Backprop.Bench.csproj" -c Release --artifacts-path "$art" -nologo -v q >&2
bench_dll="$art/bin/Backprop.Bench/release/Backprop.Bench.dll"

for ((r = 1; r <= rounds; r++)); do
    echo "round $r/$rounds: Backprop" >&2
    env GEMM_THREADS=1,2 "${ours_env[@]}" dotnet "$bench_dll" gemm "$@" >>"$work/ours.csv"
    if [[ $have_openblas == 1 ]]; then
        for t in 1 2; do
            echo "round $r/$rounds: OpenBLAS, $t thread(s)" >&2
            env -u OPENBLAS_CORETYPE "${coretype[@]}" OPENBLAS_NUM_THREADS=$t "$python" "$here/gemm_openblas.py" "$@" >>"$work/openblas.csv"
        done
    fi
done
touch "$work/openblas.csv"

echo "Level $level: Backprop ${ours_env[*]:-(default switches)}; OpenBLAS ${coretype[*]:-OPENBLAS_CORETYPE unset}"
"$python" - "$work/ours.csv" "$work/openblas.csv" <<'PY'
import statistics, sys
def load(path):
    cells = {}
    for line in open(path):
        name, t, threads, g = line.strip().split(",")
        cells.setdefault((name, t, threads), []).append(float(g))
    return {key: statistics.median(v) for key, v in cells.items()}
ours, blas = load(sys.argv[1]), load(sys.argv[2])
print(f"| shape (m×n×k) | type | threads | Backprop GFLOP/s | OpenBLAS GFLOP/s | ours / OpenBLAS |")
print(f"|---|---|---|---:|---:|---:|")
for key, g in ours.items():
    b = blas.get(key)
    ratio = f"{g / b:.2f}" if b else "–"
    print(f"| {key[0]} | {key[1]} | {key[2]} | {g:.1f} | {b:.1f} | {ratio} |" if b else f"| {key[0]} | {key[1]} | {key[2]} | {g:.1f} | – | – |")
PY
