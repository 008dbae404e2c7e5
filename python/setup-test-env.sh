#!/usr/bin/env bash
# Installs what the Python tests need:
#  - pyspark 3.5.9 and pytest for this Python (the default Spark line);
#  - pyspark 4.2.0 and pytest in a virtual environment (SPARK4_VENV, default ~/.cache/spark-dmf/spark4-venv),
#    the Python of the Spark 4 line (the build's test.python property; pass -Dtest.python for another);
#  - Apache Airflow with its Spark provider in a virtual environment of their own (AIRFLOW_VENV, default
#    ~/.cache/spark-dmf/airflow-venv), which the Airflow test finds.
# Safe to run again: existing virtual environments are kept.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python3 -m pip install -q -r "$here/requirements-test.txt"
spark4="${SPARK4_VENV:-$HOME/.cache/spark-dmf/spark4-venv}"
[[ -x "$spark4/bin/python" ]] || python3 -m venv "$spark4"
"$spark4/bin/pip" install -q -r "$here/requirements-test-spark4.txt"
venv="${AIRFLOW_VENV:-$HOME/.cache/spark-dmf/airflow-venv}"
if [[ ! -x "$venv/bin/airflow" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r "$here/requirements-airflow.txt"
fi
