#!/usr/bin/env bash
# OpenBLAS's AVX2 (Haswell) kernels against its AVX-512 (SkylakeX) ones, on the benchmarks they move:
# each benchmark runs under one, then under the other, and every figure is printed under both with
# their ratio. OpenBLAS picks its kernels once, when it loads (OPENBLAS_CORETYPE forces a choice), so
# the two are two processes. Needs a CPU with AVX-512.
#
# usage: deploy/bench/openblas-kernels.sh [--measurements M] [--runs R1,R2,...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dmf="$here/../dmf"
measurements=5000
runs=1,7
while [[ $# -gt 0 ]]; do
  case "$1" in
    --measurements) measurements="${2:?}"; shift 2 ;;
    --runs) runs="${2:?}"; shift 2 ;;
    *) echo "usage: $0 [--measurements M] [--runs R1,R2,...]" >&2; exit 2 ;;
  esac
done
echo "# command: deploy/bench/openblas-kernels.sh --measurements $measurements --runs $runs"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Figures as "name<TAB>value" lines, from the benchmarks' own output.
figures() {
  "$dmf" bench step --steps 1000 --warmup 1000 --spark-steps 20 2>/dev/null \
    | awk '/median .* ms\/step/ { name = $0; sub(/ +median.*/, "", name);
        for (i = 1; i <= NF; i++) if ($i == "median") print "step: " name "\t" $(i + 1) }'
  "$dmf" bench shared-sensing --measurements "$measurements" --runs "$runs" --depth 3 --steps 10 --repeats 3 2>/dev/null \
    | awk -F'|' '$2 ~ /^ *[0-9]+ *$/ { gsub(/ /, "", $2);
        print "sensing, " $2 " run(s): alone, ms per run-step\t" $3;
        print "sensing, " $2 " run(s): together on two threads, ms per run-step\t" $6 }'
  "$dmf" bench range-products --lengths 1000,2048,10000 2>/dev/null \
    | awk -F'|' '$2 ~ /^ *[0-9]+ *$/ { gsub(/ /, "", $2); print "native dot + axpy, length " $2 ", us\t" $3 / 1000 }'
}

OPENBLAS_CORETYPE=Haswell figures > "$work/avx2"
OPENBLAS_CORETYPE=SkylakeX figures > "$work/avx512"
# What OpenBLAS picks when left to itself, for the record.
own_core="$(env -u OPENBLAS_CORETYPE OPENBLAS_VERBOSE=2 "$dmf" bench range-products --lengths 100 --repeats 1 2>&1 \
  | awk '/^Core:/ { print $2; exit }')"
echo "# OpenBLAS left to itself picks: ${own_core:-unknown}"

printf '\n| figure | AVX2 (Haswell) | AVX-512 (SkylakeX) | AVX-512 / AVX2 |\n| --- | --- | --- | --- |\n'
join -t $'\t' <(sort "$work/avx2") <(sort "$work/avx512") \
  | awk -F'\t' '{ printf "| %s | %.3f | %.3f | %.2fx |\n", $1, $2, $3, $3 / $2 }'
