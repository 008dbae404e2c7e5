package io.sparkdmf.research.experiment;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.sharpness.GaussNewtonOperator;
import io.sparkdmf.core.sharpness.HessianVectorProduct;
import io.sparkdmf.core.sharpness.LossNormalisation;
import io.sparkdmf.core.sharpness.ObservedEntries;
import io.sparkdmf.core.sharpness.SharpnessFormulas;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A fully observed factorization problem and a sharp minimizer to start gradient descent from. The
 * start is the flattest (balanced, aligned) factorization of the target with its layers rescaled by
 * scalars e^{t a_k} whose product is 1, so the product is unchanged; t is chosen so the start is
 * {@code sharpnessRatio} times sharper than the flattest possible minimizer. The loss is the
 * trainer's mean over all entries.
 */
record EscapeProblem(String name, Matrix target, List<Matrix> start, LossNormalisation loss) {

  /** A random scalar in +-[0.5, 2] factorized by {@code depth} scalars (the published set-up). */
  static EscapeProblem scalar(int depth, double sharpnessRatio, Random random) {
    double m = (0.5 + 1.5 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
    return of("scalar", new Matrix(1, 1, new double[] {m}), depth, sharpnessRatio, random);
  }

  /** A random square Gaussian matrix factorized by {@code depth} square factors. */
  static EscapeProblem matrix(int size, int depth, double sharpnessRatio, Random random) {
    return of("matrix", Matrix.gaussian(size, size, 1.0, random), depth, sharpnessRatio, random);
  }

  private static EscapeProblem of(String name, Matrix target, int depth, double sharpnessRatio, Random random) {
    LossNormalisation loss = LossNormalisation.mean(target.data().length);
    List<Matrix> balanced = balanced(target, depth);
    double[] direction = new double[depth];
    double mean = 0;
    for (int k = 0; k < depth; k++) {
      direction[k] = random.nextGaussian();
      mean += direction[k] / depth;
    }
    for (int k = 0; k < depth; k++) {
      direction[k] -= mean;
    }
    double wanted = sharpnessRatio * SharpnessFormulas.flattestPossible(target, depth, loss);
    double low = 0;
    double high = 1;
    while (sharpness(rescaled(balanced, direction, high), loss) < wanted) {
      high *= 2;
    }
    for (int i = 0; i < 200; i++) {
      double mid = (low + high) / 2;
      if (sharpness(rescaled(balanced, direction, mid), loss) < wanted) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return new EscapeProblem(name, target, rescaled(balanced, direction, (low + high) / 2), loss);
  }

  /** W_1 = S^{1/N} V^T, W_k = S^{1/N}, W_N = U S^{1/N}: the flattest minimizers (docs/maths.md §4). */
  private static List<Matrix> balanced(Matrix target, int depth) {
    Decompositions.Svd svd = Decompositions.svd(target);
    int size = target.rows();
    Matrix root = Matrix.zeros(size, size);
    for (int i = 0; i < size; i++) {
      root.set(i, i, Math.pow(svd.singularValues()[i], 1.0 / depth));
    }
    List<Matrix> factors = new ArrayList<>();
    for (int k = 1; k <= depth; k++) {
      Matrix w = root.copy();
      if (k == 1) {
        w = w.times(svd.vt());
      }
      if (k == depth) {
        w = svd.u().times(w);
      }
      factors.add(w);
    }
    return factors;
  }

  private static List<Matrix> rescaled(List<Matrix> factors, double[] direction, double t) {
    List<Matrix> out = new ArrayList<>();
    for (int k = 0; k < factors.size(); k++) {
      Matrix w = factors.get(k).copy();
      w.scale(Math.exp(t * direction[k]));
      out.add(w);
    }
    return out;
  }

  int depth() {
    return start.size();
  }

  /** lambda_max of the zero-residual (Gauss-Newton) Hessian: the sharpness at a minimizer. */
  static double sharpness(List<Matrix> factors, LossNormalisation loss) {
    return new GaussNewtonOperator(factors, ObservedEntries.all(), loss).largestEigenvalue();
  }

  double sharpness(DeepFactorization model) {
    return sharpness(model.factors(), loss);
  }

  double flattest() {
    return SharpnessFormulas.flattestPossible(target, depth(), loss);
  }

  /** The unit top eigenvector of the exact Hessian at the start, in parameter space. */
  double[] topEigenvector() {
    Matrix hessian = new HessianVectorProduct(start, target, ObservedEntries.all(), loss).dense();
    Decompositions.SymmetricEigen eigen = Decompositions.symmetricEigen(hessian);
    double[] top = new double[hessian.rows()];
    for (int p = 0; p < top.length; p++) {
      top[p] = eigen.eigenvectors().get(p, top.length - 1);
    }
    return top;
  }

  /** Every entry of the target, for the trainer's completion objective. */
  EntryBlock entries() {
    int m = target.rows();
    int n = target.cols();
    int[] rows = new int[m * n];
    int[] cols = new int[m * n];
    for (int e = 0; e < m * n; e++) {
      rows[e] = e % m;
      cols[e] = e / m;
    }
    return new EntryBlock(rows, cols, target.data().clone());
  }
}
