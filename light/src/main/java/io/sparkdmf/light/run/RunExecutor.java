package io.sparkdmf.light.run;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.light.baseline.Factors;
import io.sparkdmf.light.baseline.LeeSeungNmf;
import io.sparkdmf.light.baseline.NonNegativeAls;
import io.sparkdmf.light.dip.DeepImagePrior;
import io.sparkdmf.light.scene.LightScene;
import io.sparkdmf.light.score.RecoveryScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one (case, method, seed): generates the scene, factors it, scores the factors. */
public final class RunExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);
  /** Points along a DIP run at which its factors are scored. */
  static final int GROWTH_POINTS = 10;
  /** MLlib's default regParam, as a user trying ALS first would leave it. */
  static final double ALS_REG = 0.1;

  private RunExecutor() {}

  /** A DIP or NMF run, self-contained: what a Spark task executes. */
  public static RunResult inTask(LightCase lightCase, RunSpec spec) {
    LightScene scene = lightCase.scenes().generate(spec.seed());
    long start = System.nanoTime();
    int hidden = scene.hiddenShape().pixels();
    List<ScorePoint> growth = new ArrayList<>();
    Factors factors = switch (spec.method()) {
      case DIP -> new DeepImagePrior(lightCase.dip().withSeed(spec.seed())).fit(scene.observed(), hidden,
          DeepImagePrior.Progress.NONE, Math.max(1, lightCase.dip().iterations() / GROWTH_POINTS),
          (iteration, transport, recovered) -> growth.add(
              new ScorePoint(iteration, scores(scene, transport, recovered))));
      case NMF -> new LeeSeungNmf(lightCase.nmfIterations()).fit(scene.observed(), hidden, spec.seed());
      case ALS -> throw new IllegalArgumentException("ALS runs as Spark jobs on the driver: use onDriver");
    };
    return result(scene, spec, factors, start, growth, lightCase.dip().iterations());
  }

  /** An ALS run: Spark jobs started from the driver. */
  public static RunResult onDriver(SparkSession spark, LightCase lightCase, RunSpec spec) {
    LightScene scene = lightCase.scenes().generate(spec.seed());
    long start = System.nanoTime();
    Factors factors = new NonNegativeAls(lightCase.alsIterations(), ALS_REG).fit(spark, scene.observed(),
        scene.hiddenShape().pixels(), spec.seed());
    return result(scene, spec, factors, start, List.of(), 0);
  }

  private static RecoveryScores scores(LightScene scene, Matrix transport, Matrix hidden) {
    return RecoveryScores.of(scene.transport(), scene.hidden(), scene.observed(), transport, hidden,
        scene.hiddenShape());
  }

  /** @param growth the scores along a DIP run, to which the final ones are added (empty: a baseline) */
  private static RunResult result(LightScene scene, RunSpec spec, Factors factors, long start,
      List<ScorePoint> growth, int iterations) {
    double seconds = (System.nanoTime() - start) / 1e9;
    RecoveryScores scores = scores(scene, factors.transport(), factors.hidden());
    if (!growth.isEmpty()) {
      growth.add(new ScorePoint(iterations, scores));
    }
    LOG.info("{} {} seed {} done in {} s: score_l {}, registered_l {}, fit {}", spec.caseName(),
        spec.method().label(), spec.seed(), Math.round(seconds), round(scores.hidden()),
        round(scores.registeredHidden()), round(scores.fit()));
    return new RunResult(spec, factors, scores, seconds, growth);
  }

  private static String round(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
