#!/usr/bin/env bash
# Matrix completion on YARN in cluster mode (the driver runs in the application master; paths are HDFS).
# Usage: deploy/submit/yarn.sh hdfs:///data/ratings hdfs:///results/dmf-$(date +%F) [more job options]
# The executors: EXECUTORS (10), EXECUTOR_CORES (4), EXECUTOR_MEMORY (8g); the queue: QUEUE (default).
# spark-submit finds the cluster through HADOOP_CONF_DIR (or YARN_CONF_DIR).
set -euo pipefail
source "$(dirname "$0")/common.sh"
input="${1:?input path}"; out="${2:?output path}"; shift 2
exec "${SPARK_HOME:?set SPARK_HOME}/bin/spark-submit" --master yarn --deploy-mode cluster "${DMF_CONF[@]}" \
  --queue "${QUEUE:-default}" --num-executors "${EXECUTORS:-10}" --executor-cores "${EXECUTOR_CORES:-4}" \
  --executor-memory "${EXECUTOR_MEMORY:-8g}" \
  --conf spark.yarn.maxAppAttempts=2 \
  "$DMF_JAR" complete --ratings --engine auto --input "$input" --checkpoint-dir "$out.checkpoints" \
  --checkpoint-every 200 --resume --out "$out" "$@"
