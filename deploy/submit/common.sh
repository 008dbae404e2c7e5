# Settings every spark-submit of spark-dmf needs, sourced by the submit examples beside this file.
# The application jar: build it with `mvn -B -DskipTests package` (jobs/target/spark-dmf-jobs-0.1.0-SNAPSHOT-app.jar, Spark left out).
DMF_JAR="${DMF_JAR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/jobs/target/spark-dmf-jobs-0.1.0-SNAPSHOT-app.jar}"
DMF_CLASS=io.sparkdmf.jobs.Main
# One BLAS thread per task (Spark already runs a task per core); netlib finds the system OpenBLAS
# (libopenblas0-pthread / openblas package) and falls back to its Java BLAS when none is installed.
# Java 17: spark-submit adds the --add-opens Spark needs; the vector module speeds netlib's Java fallback.
DMF_JAVA_OPTIONS="--add-modules=jdk.incubator.vector"
DMF_CONF=(
  --class "$DMF_CLASS"
  --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1
  --conf spark.yarn.appMasterEnv.OPENBLAS_NUM_THREADS=1
  --conf "spark.driver.extraJavaOptions=$DMF_JAVA_OPTIONS"
  --conf "spark.executor.extraJavaOptions=$DMF_JAVA_OPTIONS"
)
