"""The nightly Airflow DAG (deploy/airflow) run for real with `airflow dags test`: SQLite metadata, no
webserver, the Spark provider's SparkSubmitOperator calling the pyspark wheel's spark-submit in local
mode. Airflow lives in its own virtual environment (it pulls a pyspark of its own): AIRFLOW_VENV, by
default ~/.cache/spark-dmf/airflow-venv, made by `.ci/run`."""

import os
import pathlib
import subprocess

import pytest

from paths import JAR, REPOSITORY, SPARK_HOME

VENV = pathlib.Path(os.environ.get("AIRFLOW_VENV", pathlib.Path.home() / ".cache" / "spark-dmf" / "airflow-venv"))


@pytest.fixture
def airflow(tmp_path):
    """Runs the airflow CLI in a fresh AIRFLOW_HOME whose DAG folder is deploy/airflow."""
    binary = VENV / "bin" / "airflow"
    if not binary.is_file():
        pytest.fail(f"no Airflow at {binary}: run .ci/run, or make the venv as it does and set AIRFLOW_VENV")
    home = tmp_path / "airflow"
    env = dict(os.environ)
    env.update({
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPOSITORY / "deploy" / "airflow"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home}/airflow.db",
        "AIRFLOW_CONN_SPARK_DEFAULT": '{"conn_type": "spark", "host": "local[2]"}',
        "AIRFLOW_VAR_SPARK_DMF_JAR": str(JAR),
        "AIRFLOW_VAR_SPARK_DMF_OUT": str(tmp_path / "results"),
        "SPARK_DMF_RETRIES": "0",
        # the spark-submit of the Spark the jar is built for, ahead of the one in Airflow's venv
        "SPARK_HOME": str(SPARK_HOME),
        "PATH": f"{SPARK_HOME / 'bin'}:{os.environ['PATH']}",
    })
    env.pop("PYTHONPATH", None)

    def run(*args, config=None):
        if config is not None:
            env["AIRFLOW_VAR_SPARK_DMF_CONFIG"] = str(config)
        return subprocess.run([str(binary), *args], env=env, capture_output=True, text=True, timeout=900)

    migrated = run("db", "migrate")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    return run


def config(tmp_path, name, **options):
    lines = [f"{key.replace('_', '-')} = {value}" for key, value in options.items()]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    return path


def task_state(airflow, date):
    listed = airflow("tasks", "state", "spark_dmf_nightly", "complete", date)
    return listed.stdout.strip().splitlines()[-1] if listed.stdout.strip() else listed.stderr[-500:]


def test_the_nightly_dag_writes_a_result_and_a_rerun_of_the_date_replaces_it(airflow, tmp_path):
    good = config(tmp_path, "complete.properties", synthetic="n=30,rank=2,observed=300,seed=0",
                  max_steps=40, train_threshold=0, singular_values=0, overwrite="true")
    out = tmp_path / "results" / "2026-12-01"
    first = airflow("dags", "test", "spark_dmf_nightly", "2026-12-01", config=good)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert task_state(airflow, "2026-12-01") == "success"
    assert (out / "metrics.json").is_file() and (out / "run.json").is_file()
    factors = (out / "factors" / "W1.mtx").read_text()

    again = airflow("dags", "test", "spark_dmf_nightly", "2026-12-01", config=good)
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert (out / "factors" / "W1.mtx").read_text() == factors, "a rerun of the same date gives the same result"
    assert sorted(p.name for p in (tmp_path / "results").iterdir()) == ["2026-12-01"]


def test_a_failed_night_leaves_nothing_behind(airflow, tmp_path):
    bad = config(tmp_path, "broken.properties", input=tmp_path / "missing.tsv", overwrite="true")
    airflow("dags", "test", "spark_dmf_nightly", "2026-12-02", config=bad)
    assert task_state(airflow, "2026-12-02") == "failed"
    results = tmp_path / "results"
    assert not results.exists() or list(results.iterdir()) == [], "no result and no staging directory"
