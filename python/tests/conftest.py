"""A local SparkSession with the spark-dmf application jar, shared by every test."""

import pytest
from pyspark.sql import SparkSession

from paths import JAR


@pytest.fixture(scope="session")
def spark():
    if not JAR.is_file():
        pytest.fail(f"no spark-dmf jar at {JAR}: build it with 'mvn -DskipTests package' or set SPARK_DMF_JAR")
    session = (SparkSession.builder.master("local[2]").appName("spark-dmf pytest")
               .config("spark.jars", str(JAR))
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .getOrCreate())
    yield session
    session.stop()


@pytest.fixture(scope="session")
def ratings(spark):
    """Ratings of a rank-2 matrix of 30 users x 20 items, 60% observed, ids that are not indices."""
    import random

    rng = random.Random(7)
    users = [[rng.gauss(0, 1) for _ in range(2)] for _ in range(30)]
    items = [[rng.gauss(0, 1) for _ in range(2)] for _ in range(20)]
    rows = []
    for u, a in enumerate(users):
        for i, b in enumerate(items):
            if rng.random() < 0.6:
                rows.append((100 + 3 * u, 7 * i, 3.0 + a[0] * b[0] + a[1] * b[1]))
    return spark.createDataFrame(rows, "user long, item long, rating double")
