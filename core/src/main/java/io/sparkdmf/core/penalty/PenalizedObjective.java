package io.sparkdmf.core.penalty;

import io.sparkdmf.core.completion.EntryCounts;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.objective.Evaluation;
import io.sparkdmf.core.objective.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A data objective plus a {@link FactorPenalty} in its gradients. The loss it reports stays the data
 * term alone, so that "train MSE" in progress lines, the stopping tolerance and metrics keep meaning
 * the fit to the data; {@link FactorPenalty#value} gives the other term.
 */
public final class PenalizedObjective implements Objective {
  private final Objective data;
  private final FactorPenalty penalty;

  public PenalizedObjective(Objective data, FactorPenalty penalty) {
    this.data = data;
    this.penalty = penalty;
  }

  @Override
  public Evaluation evaluate(DeepFactorization model) {
    Evaluation fit = data.evaluate(model);
    List<Matrix> gradients = new ArrayList<>(fit.gradients());
    penalty.addGradient(model, gradients);
    return new Evaluation(fit.loss(), gradients);
  }

  /** {@code data} with the penalty of weight {@code lambda} (counted only when needed), or as is for 0. */
  public static Objective withPenalty(Objective data, double lambda, Supplier<EntryCounts> counts) {
    return lambda == 0 ? data : new PenalizedObjective(data, FactorPenalty.of(lambda, counts.get()));
  }

  @Override
  public double meanSquaredError(DeepFactorization model) {
    return data.meanSquaredError(model);
  }

  @Override
  public long size() {
    return data.size();
  }

  @Override
  public String engineName() {
    return data.engineName();
  }

  @Override
  public void close() {
    data.close();
  }
}
