package io.sparkdmf.core.sharpness;

import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact Hessian of l = c sum_Omega (W_N ... W_1 - M)_ij^2 at any point (not only minima), applied
 * to a direction Z = (Z_1 .. Z_N) in parameter space. With W = A_k W_k B_k and R = P_Omega(W - M), the
 * gradient is 2c A_k^T R B_k^T; its derivative along Z is
 * 2c (dA_k^T R B_k^T + A_k^T P_Omega(dW) B_k^T + A_k^T R dB_k^T), dW = sum_l A_l Z_l B_l.
 * Dense products on the driver: the ground truth for small problems, against which the matrix-space
 * formulas are tested.
 */
public final class HessianVectorProduct {
  private final FactorProducts products;
  private final Matrix residual;
  private final ObservedEntries observed;
  private final double scale;

  public HessianVectorProduct(List<Matrix> factors, Matrix target, ObservedEntries observed, LossNormalisation loss) {
    this.products = new FactorProducts(factors);
    this.observed = observed;
    this.scale = loss.hessianScale();
    this.residual = observed.project(products.endToEnd().minus(target));
  }

  /** H Z, factor by factor. */
  public List<Matrix> apply(List<Matrix> z) {
    int depth = products.depth();
    Matrix dw = Matrix.zeros(products.dim(depth), products.dim(0));
    for (int l = 1; l <= depth; l++) {
      dw.addScaled(1.0, products.left(l).times(z.get(l - 1)).times(products.right(l)));
    }
    Matrix projected = observed.project(dw);
    List<Matrix> out = new ArrayList<>(depth);
    for (int k = 1; k <= depth; k++) {
      Matrix a = products.left(k);
      Matrix b = products.right(k);
      Matrix h = a.transposeTimes(projected).timesTranspose(b);
      Matrix da = Matrix.zeros(a.rows(), a.cols());
      for (int l = k + 1; l <= depth; l++) {
        da.addScaled(1.0, products.product(l + 1, depth).times(z.get(l - 1)).times(products.product(k + 1, l - 1)));
      }
      Matrix db = Matrix.zeros(b.rows(), b.cols());
      for (int l = 1; l < k; l++) {
        db.addScaled(1.0, products.product(l + 1, k - 1).times(z.get(l - 1)).times(products.product(1, l - 1)));
      }
      h.addScaled(1.0, da.transposeTimes(residual).timesTranspose(b));
      h.addScaled(1.0, a.transposeTimes(residual).timesTranspose(db));
      h.scale(scale);
      out.add(h);
    }
    return out;
  }

  /** The whole Hessian as a dense P x P matrix (P = number of parameters), column by column. */
  public Matrix dense() {
    List<Matrix> shapes = new ArrayList<>();
    for (int k = 1; k <= products.depth(); k++) {
      shapes.add(products.factor(k));
    }
    int size = shapes.stream().mapToInt(w -> w.data().length).sum();
    Matrix hessian = Matrix.zeros(size, size);
    for (int p = 0; p < size; p++) {
      double[] unit = new double[size];
      unit[p] = 1;
      double[] column = flatten(apply(split(unit, shapes)));
      System.arraycopy(column, 0, hessian.data(), p * size, size);
    }
    return hessian;
  }

  /** lambda_max of {@link #dense()}. */
  public double largestEigenvalueDense() {
    double[] eigenvalues = Decompositions.symmetricEigen(dense()).eigenvalues();
    return eigenvalues[eigenvalues.length - 1];
  }

  public static List<Matrix> split(double[] flat, List<Matrix> shapes) {
    List<Matrix> parts = new ArrayList<>(shapes.size());
    int at = 0;
    for (Matrix w : shapes) {
      double[] data = new double[w.data().length];
      System.arraycopy(flat, at, data, 0, data.length);
      parts.add(new Matrix(w.rows(), w.cols(), data));
      at += data.length;
    }
    return parts;
  }

  public static double[] flatten(List<Matrix> parts) {
    int size = parts.stream().mapToInt(w -> w.data().length).sum();
    double[] flat = new double[size];
    int at = 0;
    for (Matrix w : parts) {
      System.arraycopy(w.data(), 0, flat, at, w.data().length);
      at += w.data().length;
    }
    return flat;
  }
}
