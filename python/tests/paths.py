"""Where the tests find the repository, the application jar and the Spark distribution (the pyspark wheel)."""

import os
import pathlib

import pyspark

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
JAR = pathlib.Path(os.environ.get("SPARK_DMF_JAR",
                                  REPOSITORY / "jobs" / "target" / "spark-dmf-jobs-0.1.0-SNAPSHOT-app.jar"))
SPARK_HOME = pathlib.Path(pyspark.__file__).resolve().parent
