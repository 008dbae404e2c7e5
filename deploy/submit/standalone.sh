#!/usr/bin/env bash
# Matrix completion on a Spark standalone cluster (client mode: the driver runs here and writes --out).
# Usage: MASTER=spark://host:7077 deploy/submit/standalone.sh INPUT OUT [more job options]
set -euo pipefail
source "$(dirname "$0")/common.sh"
input="${1:?input path}"; out="${2:?output path}"; shift 2
exec "${SPARK_HOME:?set SPARK_HOME}/bin/spark-submit" --master "${MASTER:?set MASTER=spark://host:7077}" \
  --deploy-mode client "${DMF_CONF[@]}" \
  --executor-memory 4g --total-executor-cores "${CORES:-16}" \
  "$DMF_JAR" complete --engine spark --input "$input" --checkpoint-dir "$out.checkpoints" \
  --checkpoint-every 200 --resume --out "$out" "$@"
