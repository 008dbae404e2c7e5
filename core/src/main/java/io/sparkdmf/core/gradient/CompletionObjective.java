package io.sparkdmf.core.gradient;

import io.sparkdmf.core.engine.ObservedEntries;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import java.util.Arrays;
import java.util.List;

/**
 * The completion loss L = (1/|Omega|) sum (W_ij - M_ij)^2 and its factor gradients
 * dL/dW_k = A_k^T G B_k^T, G = (2/|Omega|) P_Omega(W - M) (maths.md section 1).
 *
 * <p>The entries only ever see the panels U = W_N and V = W_{N-1}...W_1; from the two sparse
 * products they return, G V^T (the gradient of W_N) and U^T G, the driver finishes every other
 * factor with dense products: with Q_{N-1} = U^T G and Q_{k-1} = W_k^T Q_k, dL/dW_k = Q_k B_k^T.
 */
public final class CompletionObjective {

  /** Loss and gradients at one iterate; gradients are null when only the loss was asked for. */
  public record Evaluation(double loss, List<Matrix> gradients) {}

  private CompletionObjective() {}

  /** The panels a partition needs for {@code model}, from its prefix products. */
  public static FactorPanels panels(DeepFactorization model, List<Matrix> prefixes) {
    int depth = model.depth();
    Matrix right = depth == 1 ? Matrix.identity(model.cols(), model.cols()) : prefixes.get(depth - 1);
    return new FactorPanels(model.factor(depth).transpose(), right);
  }

  public static FactorPanels panels(DeepFactorization model) {
    return panels(model, model.prefixProducts());
  }

  /** The mean squared error of {@code model} on {@code entries} (no gradient). */
  public static double meanSquaredError(DeepFactorization model, ObservedEntries entries) {
    GradientPartial partial =
        entries.aggregate(panels(model), new CompletionKernel(CompletionKernel.Mode.LOSS));
    return partial.squaredResidualSum() / partial.entries();
  }

  public static Evaluation lossAndGradients(DeepFactorization model, ObservedEntries entries) {
    List<Matrix> prefixes = model.prefixProducts();
    FactorPanels panels = panels(model, prefixes);
    int depth = model.depth();
    CompletionKernel kernel = new CompletionKernel(depth == 1
        ? CompletionKernel.Mode.ROW_GRADIENT : CompletionKernel.Mode.FULL_GRADIENT);
    GradientPartial partial = entries.aggregate(panels, kernel);
    long count = partial.entries();
    double loss = partial.squaredResidualSum() / count;
    double scale = 2.0 / count;
    int p = panels.inner();

    Matrix[] gradients = new Matrix[depth];
    Matrix lastGradient = new Matrix(p, model.rows(), orZeros(partial.rowGradT(), p * model.rows()))
        .transpose();
    lastGradient.scale(scale);
    gradients[depth - 1] = lastGradient;
    if (depth > 1) {
      Matrix q = new Matrix(p, model.cols(), orZeros(partial.colGrad(), p * model.cols()));
      q.scale(scale);
      for (int k = depth - 1; k >= 1; k--) {
        Matrix bk = prefixes.get(k - 1);
        gradients[k - 1] = bk == null ? q : q.timesTranspose(bk);
        if (k > 1) {
          q = model.factor(k).transposeTimes(q);
        }
      }
    }
    return new Evaluation(loss, Arrays.asList(gradients));
  }

  private static double[] orZeros(double[] values, int size) {
    return values == null ? new double[size] : values;
  }

  /** The squared Frobenius norm summed over all gradients. */
  public static double gradientNormSquared(List<Matrix> gradients) {
    double sum = 0.0;
    for (Matrix g : gradients) {
      sum += g.frobeniusNormSquared();
    }
    return sum;
  }
}
