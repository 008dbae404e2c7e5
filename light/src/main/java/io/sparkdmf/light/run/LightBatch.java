package io.sparkdmf.light.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs many (case, method, seed) runs: each DIP or NMF run is one Spark task (set
 * {@code spark.task.cpus} to the threads a run uses), so a cluster runs scenes and seeds side by side;
 * ALS runs are Spark jobs of their own, started one after another from the driver. Without Spark the
 * same runs execute one after another in this JVM, with the same results.
 */
public final class LightBatch {
  private LightBatch() {}

  /** @param sc the Spark context for the task runs, or null to run them here */
  public static List<RunResult> run(JavaSparkContext sc, List<LightCase> cases, List<RunSpec> specs) {
    Map<String, LightCase> byName = cases.stream().collect(Collectors.toMap(LightCase::name, Function.identity()));
    for (RunSpec spec : specs) {
      if (!byName.containsKey(spec.caseName())) {
        throw new IllegalArgumentException("no case named '" + spec.caseName() + "', only " + byName.keySet());
      }
    }
    List<RunSpec> inTasks = specs.stream().filter(s -> s.method() != Method.ALS).toList();
    List<RunResult> results = new ArrayList<>();
    if (sc == null) {
      inTasks.forEach(spec -> results.add(RunExecutor.inTask(byName.get(spec.caseName()), spec)));
    } else if (!inTasks.isEmpty()) {
      JavaRDD<RunSpec> runs = sc.parallelize(inTasks, inTasks.size());
      results.addAll(runs.map(spec -> RunExecutor.inTask(byName.get(spec.caseName()), spec)).collect());
    }
    List<RunSpec> onDriver = specs.stream().filter(s -> s.method() == Method.ALS).toList();
    if (!onDriver.isEmpty()) {
      if (sc == null) {
        throw new IllegalArgumentException("ALS runs need Spark");
      }
      SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
      onDriver.forEach(spec -> results.add(RunExecutor.onDriver(spark, byName.get(spec.caseName()), spec)));
    }
    results.sort(Comparator.comparing((RunResult r) -> r.spec().caseName())
        .thenComparing(r -> r.spec().method()).thenComparingInt(r -> r.spec().seed()));
    return results;
  }
}
