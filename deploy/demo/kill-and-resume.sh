#!/usr/bin/env bash
# Kill a checkpointed block-engine run with SIGKILL and resume it: the resumed run must end with the
# same factors as an uninterrupted one. Usage: deploy/demo/kill-and-resume.sh WORKDIR [SECONDS_BEFORE_KILL]
# A 2000-step run with checkpoints completes, and its resume after a kill is identical.
set -euo pipefail
work="${1:?usage: $0 WORKDIR [SECONDS_BEFORE_KILL]}"
wait_seconds="${2:-150}"
dmf="$(cd "$(dirname "$0")/.." && pwd)/dmf"
rm -rf "$work" && mkdir -p "$work"
common=(complete --synthetic n=100,rank=5,observed=2000,seed=0 --engine blocked --parallelism 2
  --optimizer adam --lr 1e-2 --train-threshold 0 --max-steps 2000 --singular-values 0 --checkpoint-every 100)

( time "$dmf" "${common[@]}" --checkpoint-dir "$work/ck-a" --out "$work/a" ) > "$work/a.log" 2>&1 &
whole=$!
"$dmf" "${common[@]}" --checkpoint-dir "$work/ck-b" --out "$work/b" > "$work/b1.log" 2>&1 &
victim=$!
sleep "$wait_seconds"
kill -9 "$victim" || true
wait "$victim" 2>/dev/null || true
echo "killed the second run after $wait_seconds s; checkpoints left: $(ls "$work/ck-b" | tr '\n' ' ')"
"$dmf" "${common[@]}" --checkpoint-dir "$work/ck-b" --resume --out "$work/b" > "$work/b2.log" 2>&1
wait "$whole"
for k in 1 2 3; do
  cmp "$work/a/factors/W$k.mtx" "$work/b/factors/W$k.mtx" && echo "W$k: identical"
done
grep -h '"steps"\|"resumed_from_step"\|"engine"' "$work/a/metrics.json" "$work/b/metrics.json"
