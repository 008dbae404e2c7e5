package io.sparkdmf.light.run;

import io.sparkdmf.light.baseline.Factors;
import io.sparkdmf.light.baseline.LeeSeungNmf;
import io.sparkdmf.light.baseline.NonNegativeAls;
import io.sparkdmf.light.dip.DeepImagePrior;
import io.sparkdmf.light.scene.LightScene;
import io.sparkdmf.light.score.RecoveryScores;
import org.apache.spark.sql.SparkSession;

/** Runs one (case, method, seed): generates the scene, factors it, scores the factors. */
public final class RunExecutor {
  /** MLlib's default regParam, as a user trying ALS first would leave it. */
  static final double ALS_REG = 0.1;

  private RunExecutor() {}

  /** A DIP or NMF run, self-contained: what a Spark task executes. */
  public static RunResult inTask(LightCase lightCase, RunSpec spec) {
    LightScene scene = lightCase.scenes().generate(spec.seed());
    long start = System.nanoTime();
    int hidden = scene.hiddenShape().pixels();
    Factors factors = switch (spec.method()) {
      case DIP -> new DeepImagePrior(lightCase.dip().withSeed(spec.seed())).fit(scene.observed(), hidden,
          DeepImagePrior.Progress.NONE);
      case NMF -> new LeeSeungNmf(lightCase.nmfIterations()).fit(scene.observed(), hidden, spec.seed());
      case ALS -> throw new IllegalArgumentException("ALS runs as Spark jobs on the driver: use onDriver");
    };
    return result(scene, spec, factors, start);
  }

  /** An ALS run: Spark jobs started from the driver. */
  public static RunResult onDriver(SparkSession spark, LightCase lightCase, RunSpec spec) {
    LightScene scene = lightCase.scenes().generate(spec.seed());
    long start = System.nanoTime();
    Factors factors = new NonNegativeAls(lightCase.alsIterations(), ALS_REG).fit(spark, scene.observed(),
        scene.hiddenShape().pixels(), spec.seed());
    return result(scene, spec, factors, start);
  }

  private static RunResult result(LightScene scene, RunSpec spec, Factors factors, long start) {
    double seconds = (System.nanoTime() - start) / 1e9;
    return new RunResult(spec, factors, RecoveryScores.of(scene.transport(), scene.hidden(), scene.observed(),
        factors.transport(), factors.hidden(), scene.hiddenShape()), seconds);
  }
}
