package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.linalg.Rounding;

/**
 * The neighbour-graph term tr(H L H^T) of a view, L = D - W the Laplacian of its
 * {@link NeighbourGraph}: the pieces a block computes for its own samples. A block's energy is a
 * k x 2 matrix: per row of H, the signed sum tr(H D H^T) - tr(H W H^T) restricted to the block, and the
 * sum of the same terms' absolute values, which bounds the signed sum's rounding.
 */
final class GraphTerm {
  private GraphTerm() {}

  /** lambda (H W) for the block's columns of view v: each sample's neighbours' coefficients, summed. */
  static Matrix pull(SampleBlock b, int v, Matrix allH, double lambda) {
    int k = allH.rows();
    Matrix out = Matrix.zeros(k, b.size());
    for (int s = 0; s < b.size(); s++) {
      for (int t : b.neighbours()[v][s]) {
        for (int r = 0; r < k; r++) {
          out.data()[s * k + r] += lambda * allH.data()[t * k + r];
        }
      }
    }
    return out;
  }

  /** lambda (H D) for the block's columns of view v: each sample's coefficients times its degree. */
  static Matrix push(SampleBlock b, int v, double lambda) {
    Matrix h = b.h()[v];
    Matrix out = h.copy();
    for (int s = 0; s < b.size(); s++) {
      double degree = lambda * b.neighbours()[v][s].length;
      for (int r = 0; r < h.rows(); r++) {
        out.data()[s * h.rows() + r] *= degree;
      }
    }
    return out;
  }

  /** The block's share of view v's energy, k x 2 (signed sums, absolute sums), given every view's H. */
  static Matrix energy(SampleBlock b, int v, Matrix allH) {
    Matrix h = b.h()[v];
    int k = h.rows();
    Matrix attraction = pull(b, v, allH, 1.0);
    Matrix repulsion = push(b, v, 1.0);
    Matrix energy = Matrix.zeros(k, 2);
    for (int e = 0; e < h.data().length; e++) {
      // H, H D and H W are non-negative, so the absolute value of a term is h (push + pull)
      energy.data()[e % k] += h.data()[e] * (repulsion.data()[e] - attraction.data()[e]);
      energy.data()[k + e % k] += h.data()[e] * (repulsion.data()[e] + attraction.data()[e]);
    }
    return energy;
  }

  /** tr(H L H^T) from the summed block energies. */
  static double value(Matrix energy) {
    double sum = 0;
    for (int r = 0; r < energy.rows(); r++) {
      sum += energy.get(r, 0);
    }
    return sum;
  }

  /**
   * A bound on the rounding of {@link #value}: each of its terms h (h d - sum of the neighbours' h) is
   * a sum of at most n + 2 products and the whole a sum of n k of them, so gamma_{n(k+1)+2} times the
   * terms' absolute sum bounds the error (degrees are below n).
   */
  static double rounding(Matrix energy, long samples) {
    double absolute = 0;
    for (int r = 0; r < energy.rows(); r++) {
      absolute += energy.get(r, 1);
    }
    return Rounding.gamma(samples * (energy.rows() + 1) + 2) * absolute;
  }

  /** The energy after H's rows are multiplied by {@code factors}: row r of both columns by factors[r]^2. */
  static void rescale(Matrix energy, double[] factors) {
    for (int r = 0; r < energy.rows(); r++) {
      double square = factors[r] * factors[r];
      energy.set(r, 0, energy.get(r, 0) * square);
      energy.set(r, 1, energy.get(r, 1) * square);
    }
  }
}
