package io.sparkdmf.jobs;

import io.sparkdmf.core.linalg.Blas;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts (or joins) the job's Spark context: local[*] unless spark-submit or --master set a master. */
public final class SparkContexts {
  private static final Logger LOG = LoggerFactory.getLogger(SparkContexts.class);

  private SparkContexts() {}

  public static JavaSparkContext start(String appName) {
    SparkConf conf = new SparkConf().setAppName(appName);
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    SparkSession session = SparkSession.builder().config(conf).getOrCreate();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
    RunRecord.current().sparkApplication(sc.sc().applicationId(), sc.master());
    LOG.info("Spark {} master {} ({} cores); BLAS: {}", sc.version(), sc.master(),
        sc.defaultParallelism(), Blas.implementation());
    return sc;
  }

  /** Stops the job's Spark session, if one was started. */
  public static void stop() {
    if (SparkSession.getDefaultSession().isDefined()) {
      SparkSession.getDefaultSession().get().stop();
    }
  }
}
