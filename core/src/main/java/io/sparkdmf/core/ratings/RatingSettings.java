package io.sparkdmf.core.ratings;

import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.optim.Optimizer;
import java.io.Serializable;

/**
 * How a deep factorization is fitted to explicit ratings: the biases, the factorization, its optimizer
 * and its early stopping on held-out ratings carved from the training ratings. {@link #DEFAULTS} are the
 * defaults of both the {@code complete --ratings} job and the estimator; docs/scale.md has the runs
 * they were chosen from, across data sets and sizes.
 *
 * @param initialization how the factors start (at {@code initScale})
 * @param regParam the factor penalty (ALS's regParam); {@link #AUTO} for the path {@link #AUTO_PATH}, chosen on
 *     the held-out ratings
 * @param biasReg ridge weight of the biases, in pseudo-ratings at the mean
 * @param validationFraction share of the training ratings held out for early stopping
 * @param validationEvery steps between held-out measurements
 * @param patience held-out measurements without improvement before stopping
 * @param refit once the stages are chosen, replay them on all the ratings (held-out ones included)
 */
public record RatingSettings(int depth, int width, double initScale, Initialization initialization,
    Optimizer.Kind optimizer, double learningRate,
    double regParam, double biasReg, double validationFraction, int validationEvery, int patience, int maxSteps,
    long seed, boolean refit) implements Serializable {

  /** A regParam that asks for the penalty to be chosen along {@link #AUTO_PATH}. */
  public static final double AUTO = Double.NaN;

  /** The penalties tried, largest first: factors of 1.4 from 0.3 down to 0.02. */
  public static final double[] AUTO_PATH = {0.3, 0.21, 0.15, 0.11, 0.078, 0.056, 0.04, 0.028, 0.02};

  public static final RatingSettings DEFAULTS =
      new RatingSettings(2, 16, 0.1, Initialization.GAUSSIAN, Optimizer.Kind.ADAM, 0.005, AUTO, 10, 0.1, 5, 4, 2000, 0, true);

  /** The penalties to fit, in order. */
  public double[] regPath() {
    return Double.isNaN(regParam) ? AUTO_PATH.clone() : new double[] {regParam};
  }

  public RatingSettings {
    if (depth < 2 || width < 1) {
      throw new IllegalArgumentException("ratings need depth >= 2 and width >= 1, got depth " + depth + " width "
          + width);
    }
    if (!Double.isNaN(regParam)) {
      io.sparkdmf.core.penalty.FactorPenalty.requireValidWeight(regParam);
    }
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("the validation fraction must be in (0, 1), got " + validationFraction);
    }
  }

  public RatingSettings withDepth(int value) {
    return new RatingSettings(value, width, initScale, initialization, optimizer, learningRate, regParam, biasReg,
        validationFraction, validationEvery, patience, maxSteps, seed, refit);
  }

  public RatingSettings withWidth(int value) {
    return new RatingSettings(depth, value, initScale, initialization, optimizer, learningRate, regParam, biasReg,
        validationFraction, validationEvery, patience, maxSteps, seed, refit);
  }

  public RatingSettings withRefit(boolean value) {
    return new RatingSettings(depth, width, initScale, initialization, optimizer, learningRate, regParam, biasReg,
        validationFraction, validationEvery, patience, maxSteps, seed, value);
  }

  public RatingSettings withRegParam(double value) {
    return new RatingSettings(depth, width, initScale, initialization, optimizer, learningRate, value, biasReg,
        validationFraction, validationEvery, patience, maxSteps, seed, refit);
  }
}
