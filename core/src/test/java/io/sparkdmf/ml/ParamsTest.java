package io.sparkdmf.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.LocalSpark;
import io.sparkdmf.core.ratings.RatingSettings;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed getters: the defaults declared once, what was set, and both after a save and load. */
class ParamsTest {

  @Test
  void gettersGiveTheDefaultsOfTheRatingFit() {
    DeepMatrixFactorization estimator = new DeepMatrixFactorization();
    RatingSettings defaults = RatingSettings.DEFAULTS;
    assertEquals(defaults.depth(), estimator.getDepth());
    assertEquals(defaults.width(), estimator.getWidth());
    assertEquals(defaults.initScale(), estimator.getInitScale());
    assertEquals("gaussian", estimator.getInitialization());
    assertEquals("", estimator.getCheckpointDir());
    assertEquals(defaults.learningRate(), estimator.getLearningRate());
    assertEquals(defaults.maxSteps(), estimator.getMaxIter());
    assertTrue(Double.isNaN(estimator.getRegParam()), "the penalty is chosen on held-out ratings by default");
    assertEquals(defaults.validationFraction(), estimator.getValidationFraction());
    assertEquals(defaults.patience(), estimator.getPatience());
    assertEquals(defaults.refit(), estimator.getRefit());
    assertEquals("user", estimator.getUserCol());
    assertEquals("rating", estimator.getRatingCol());
    assertEquals("nan", estimator.getColdStartStrategy());
  }

  @Test
  void gettersGiveWhatWasSetAndSurviveSaveAndLoad(@TempDir Path dir) throws Exception {
    SparkSession.builder().sparkContext(LocalSpark.context().sc()).getOrCreate();
    DeepMatrixFactorization estimator = new DeepMatrixFactorization().setDepth(3).setWidth(7).setUserCol("u")
        .setRegParam(0.25).setBiases(false).setSeed(9L).setOptimizer("gd").setColdStartStrategy("drop")
        .setInitialization("orthogonal").setCheckpointDir("hdfs:///tmp/dmf").setCheckpointInterval(7);
    estimator.save(dir.resolve("estimator").toString());
    for (DeepMatrixFactorization e : new DeepMatrixFactorization[] {estimator,
        DeepMatrixFactorization.load(dir.resolve("estimator").toString())}) {
      assertEquals(3, e.getDepth());
      assertEquals(7, e.getWidth());
      assertEquals("u", e.getUserCol());
      assertEquals(0.25, e.getRegParam());
      assertEquals(false, e.getBiases());
      assertEquals(9L, e.getSeed());
      assertEquals("gd", e.getOptimizer());
      assertEquals("drop", e.getColdStartStrategy());
      assertEquals("orthogonal", e.getInitialization());
      assertEquals("hdfs:///tmp/dmf", e.getCheckpointDir());
      assertEquals(7, e.getCheckpointInterval());
    }
  }
}
