"""deploy/dmf through a real spark-submit: the pyspark wheel is a Spark distribution (bin/spark-submit,
bin/spark-class, jars/), set as SPARK_HOME. In local mode, and against a standalone master and worker
started from that distribution on 127.0.0.1."""

import json
import os
import socket
import subprocess
import time
import urllib.request

import pytest

from paths import REPOSITORY, SPARK_HOME
PROBLEM = ["complete", "--synthetic", "n=40,rank=2,observed=600,seed=0", "--max-steps", "60",
           "--train-threshold", "0", "--singular-values", "0"]


def environment():
    env = dict(os.environ, SPARK_HOME=str(SPARK_HOME))
    env.pop("PYSPARK_SUBMIT_ARGS", None)
    return env


def dmf(args, log):
    with open(log, "w") as out:
        return subprocess.run([str(REPOSITORY / "deploy" / "dmf")] + args, env=environment(), stdout=out,
                              stderr=subprocess.STDOUT, timeout=600).returncode


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def finished(out):
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["steps"] == 60
    assert (out / "run.json").is_file() and (out / "factors" / "W1.mtx").is_file()
    return metrics


def test_local_mode_through_spark_submit(tmp_path):
    out = tmp_path / "local"
    code = dmf(PROBLEM + ["--master", "local[2]", "--out", str(out)], tmp_path / "local.log")
    assert code == 0, (tmp_path / "local.log").read_text()[-3000:]
    finished(out)
    assert "local[2]" in (out / "run.json").read_text()


def wait_for(condition, what, seconds=90):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return
        time.sleep(1)
    pytest.fail("timed out waiting for " + what)


@pytest.fixture
def standalone(tmp_path):
    """A master and one worker (1 core, 1 GB) on 127.0.0.1, stopped afterwards; yields the master URL."""
    port, ui, worker_ui = free_port(), free_port(), free_port()
    spark_class = str(SPARK_HOME / "bin" / "spark-class")
    logs = [open(tmp_path / "master.log", "w"), open(tmp_path / "worker.log", "w")]
    master = subprocess.Popen([spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                               "--port", str(port), "--webui-port", str(ui)], env=environment(),
                              stdout=logs[0], stderr=subprocess.STDOUT)
    url = f"spark://127.0.0.1:{port}"
    worker = subprocess.Popen([spark_class, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                               "--cores", "1", "--memory", "1g", "--webui-port", str(worker_ui), url],
                              env=environment(), stdout=logs[1], stderr=subprocess.STDOUT)

    def alive_workers():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{ui}/json/", timeout=2) as response:
                return [w for w in json.load(response)["workers"] if w["state"] == "ALIVE"]
        except OSError:
            return []

    try:
        wait_for(lambda: len(alive_workers()) == 1, "the worker to register with the master")
        yield url
    finally:
        for process in (worker, master):
            process.terminate()
            process.wait(timeout=30)
        for log in logs:
            log.close()


def test_standalone_cluster_through_spark_submit(tmp_path, standalone):
    out = tmp_path / "standalone"
    code = dmf(PROBLEM + ["--engine", "spark", "--parallelism", "2", "--master", standalone, "--out", str(out)],
               tmp_path / "standalone.log")
    assert code == 0, (tmp_path / "standalone.log").read_text()[-3000:]
    finished(out)
    assert standalone in (out / "run.json").read_text()
