"""Nightly spark-dmf run for Airflow (2.x) with the Apache Spark provider's SparkSubmitOperator.

The connection `spark_default` names the master (yarn, k8s://..., spark://..., local[N]). Airflow
Variables say where things are: `spark_dmf_jar` (the application jar), `spark_dmf_config` (the job's
properties file) and `spark_dmf_out` (the results' root; each night writes `<root>/<ds>`). The task is
safe to retry and to rerun for the same date: the config file is expected to hold `overwrite = true`
(and `resume = true` with a checkpoint directory), and a result replaces the previous one only once it
is complete. `python/tests/test_airflow.py` runs this DAG with `airflow dags test`.
"""
import os
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

with DAG(
    dag_id="spark_dmf_nightly",
    schedule="0 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={
        "retries": int(os.environ.get("SPARK_DMF_RETRIES", "1")),
        "retry_delay": timedelta(minutes=10),
    },
) as dag:
    SparkSubmitOperator(
        task_id="complete",
        conn_id="spark_default",
        application="{{ var.value.get('spark_dmf_jar', '/opt/spark-dmf/spark-dmf-jobs.jar') }}",
        java_class="io.sparkdmf.jobs.Main",
        conf={
            "spark.executorEnv.OPENBLAS_NUM_THREADS": "1",
            "spark.executor.extraJavaOptions": "--add-modules=jdk.incubator.vector",
        },
        application_args=[
            "complete",
            "--config", "{{ var.value.get('spark_dmf_config', '/etc/spark-dmf/complete.properties') }}",
            "--out", "{{ var.value.get('spark_dmf_out', 'hdfs:///results/spark-dmf') }}/{{ ds }}",
        ],
    )
