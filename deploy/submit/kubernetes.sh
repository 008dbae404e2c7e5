#!/usr/bin/env bash
# Matrix completion on Kubernetes in cluster mode with the image of deploy/docker/Dockerfile.
# Usage: K8S=https://api.example:6443 IMAGE=registry/spark-dmf:0.1.0 deploy/submit/kubernetes.sh s3a://in s3a://out
set -euo pipefail
source "$(dirname "$0")/common.sh"
input="${1:?input path}"; out="${2:?output path}"; shift 2
exec "${SPARK_HOME:?set SPARK_HOME}/bin/spark-submit" --master "k8s://${K8S:?set K8S to the API server URL}" \
  --deploy-mode cluster "${DMF_CONF[@]}" \
  --conf spark.kubernetes.container.image="${IMAGE:?set IMAGE}" \
  --conf spark.kubernetes.namespace="${NAMESPACE:-spark-dmf}" \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName=spark-dmf \
  --conf spark.executor.instances="${EXECUTORS:-10}" --conf spark.executor.cores=4 --executor-memory 8g \
  local:///opt/spark-dmf/spark-dmf-jobs.jar complete --ratings --engine auto --input "$input" \
  --checkpoint-dir "$out.checkpoints" --checkpoint-every 200 --resume --out "$out" "$@"
