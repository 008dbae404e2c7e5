"""Nightly spark-dmf run for Airflow (2.x) with the Apache Spark provider's SparkSubmitOperator.

The connection `spark_default` names the master (yarn, k8s://..., spark://...). The task is safe to
retry: --resume continues from the last checkpoint and --overwrite replaces the previous night's
result only once the new one is complete.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

with DAG(
    dag_id="spark_dmf_nightly",
    schedule="0 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
) as dag:
    SparkSubmitOperator(
        task_id="complete",
        conn_id="spark_default",
        application="/opt/spark-dmf/spark-dmf-jobs.jar",
        java_class="io.sparkdmf.jobs.Main",
        conf={
            "spark.executorEnv.OPENBLAS_NUM_THREADS": "1",
            "spark.executor.extraJavaOptions": "--add-modules=jdk.incubator.vector",
        },
        application_args=[
            "complete",
            "--config", "/etc/spark-dmf/complete.properties",
            "--out", "hdfs:///results/spark-dmf/{{ ds }}",
        ],
    )
