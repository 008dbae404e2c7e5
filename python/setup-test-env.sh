#!/usr/bin/env bash
# Installs what the Python tests need: pyspark and pytest for this Python, and Apache Airflow with its
# Spark provider in a virtual environment of their own (AIRFLOW_VENV, default ~/.cache/spark-dmf/airflow-venv),
# which the Airflow test finds. Safe to run again: an existing Airflow venv is kept.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python3 -m pip install -q -r "$here/requirements-test.txt"
venv="${AIRFLOW_VENV:-$HOME/.cache/spark-dmf/airflow-venv}"
if [[ ! -x "$venv/bin/airflow" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r "$here/requirements-airflow.txt"
fi
