package io.sparkdmf.core;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** One local Spark context per test JVM, started on first use (Spark allows one per JVM). */
public final class LocalSpark {
  private static JavaSparkContext context;

  private LocalSpark() {}

  public static synchronized JavaSparkContext context() {
    if (context == null) {
      SparkConf conf = new SparkConf()
          .setMaster("local[2,2]") // two attempts per task, as on a cluster (FaultInjectionTest relies on it)
          .setAppName("spark-dmf-tests")
          .set("spark.ui.enabled", "false")
          .set("spark.driver.host", "127.0.0.1");
      context = new JavaSparkContext(conf);
      context.setLogLevel("WARN");
      Runtime.getRuntime().addShutdownHook(new Thread(context::stop));
    }
    return context;
  }
}
