package io.sparkdmf.light.score;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.metrics.Hungarian;
import io.sparkdmf.light.scene.FrameShape;
import java.io.Serializable;
import java.util.List;

/**
 * How well a factorization Z ~ T L recovers the true transport and hidden video, up to what no method
 * can know: a positive gain and offset per hidden pixel (correlations ignore both) and the order of the
 * hidden pixels or a global symmetry of the hidden frame.
 *
 * @param hidden mean over hidden pixels of the temporal correlation between a true row of L and the
 *     recovered row matched to it, rows matched one-to-one to maximise the sum (Hungarian)
 * @param transport the same over the columns of T (correlation over observed pixels)
 * @param registeredHidden stricter: only the global symmetries of the hidden frame may be undone (the
 *     best one is taken), and each row's correlation is weighted by the true row's variance, so flat
 *     background pixels do not dominate
 * @param frameCorrelation mean over frames of the spatial correlation between a true hidden frame and
 *     the recovered one, under the symmetry the registered score chose
 * @param fit ||Z - T L|| / ||Z|| (Frobenius)
 */
public record RecoveryScores(double hidden, double transport, double registeredHidden, double frameCorrelation,
    double fit) implements Serializable {

  public static RecoveryScores of(Matrix trueTransport, Matrix trueHidden, Matrix observed, Matrix transport,
      Matrix hidden, FrameShape hiddenShape) {
    double[] registered = registered(trueHidden, hidden, hiddenShape);
    return new RecoveryScores(matched(trueHidden.transpose(), hidden.transpose()), matched(trueTransport, transport),
        registered[0], frameCorrelation(trueHidden, hidden, Symmetry.of(hiddenShape).get((int) registered[1])),
        fit(observed, transport, hidden));
  }

  /** ||Z - T L|| / ||Z||. */
  public static double fit(Matrix observed, Matrix transport, Matrix hidden) {
    Matrix residual = transport.times(hidden).minus(observed);
    return Math.sqrt(residual.frobeniusNormSquared() / observed.frobeniusNormSquared());
  }

  /** Mean correlation of the columns of {@code truth} with those of {@code estimate}, matched one-to-one. */
  static double matched(Matrix truth, Matrix estimate) {
    int n = truth.cols();
    double[][] cost = new double[n][n];
    double[][] corr = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        corr[i][j] = correlation(truth, i, estimate, j);
        cost[i][j] = -corr[i][j];
      }
    }
    int[] match = Hungarian.minimumCostAssignment(cost);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += corr[i][match[i]];
    }
    return sum / n;
  }

  /** {best variance-weighted row correlation over the symmetries, index of that symmetry}. */
  static double[] registered(Matrix trueHidden, Matrix hidden, FrameShape shape) {
    Matrix truth = trueHidden.transpose();
    Matrix estimate = hidden.transpose();
    List<int[]> symmetries = Symmetry.of(shape);
    double[] weights = new double[truth.cols()];
    double total = 0;
    for (int h = 0; h < weights.length; h++) {
      weights[h] = variance(truth, h);
      total += weights[h];
    }
    double best = Double.NEGATIVE_INFINITY;
    int bestIndex = 0;
    for (int s = 0; s < symmetries.size(); s++) {
      double score = 0;
      for (int h = 0; h < weights.length; h++) {
        if (weights[h] > 0) {
          score += weights[h] / total * correlation(truth, h, estimate, symmetries.get(s)[h]);
        }
      }
      if (score > best) {
        best = score;
        bestIndex = s;
      }
    }
    return new double[] {total > 0 ? best : 0, bestIndex};
  }

  /** Mean spatial correlation of true and recovered frames, hidden pixel h compared with map[h]. */
  static double frameCorrelation(Matrix trueHidden, Matrix hidden, int[] map) {
    Matrix moved = Matrix.zeros(hidden.rows(), hidden.cols());
    for (int f = 0; f < hidden.cols(); f++) {
      for (int h = 0; h < hidden.rows(); h++) {
        moved.set(h, f, hidden.get(map[h], f));
      }
    }
    double sum = 0;
    for (int f = 0; f < hidden.cols(); f++) {
      sum += correlation(trueHidden, f, moved, f);
    }
    return sum / hidden.cols();
  }

  /** Pearson correlation of column i of a and column j of b; 0 when either is constant. */
  static double correlation(Matrix a, int i, Matrix b, int j) {
    int n = a.rows();
    double[] x = a.data();
    double[] y = b.data();
    int xo = i * n;
    int yo = j * n;
    double mx = 0;
    double my = 0;
    for (int k = 0; k < n; k++) {
      mx += x[xo + k];
      my += y[yo + k];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int k = 0; k < n; k++) {
      double dx = x[xo + k] - mx;
      double dy = y[yo + k] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
  }

  private static double variance(Matrix a, int column) {
    int n = a.rows();
    double mean = 0;
    for (int k = 0; k < n; k++) {
      mean += a.get(k, column) / n;
    }
    double v = 0;
    for (int k = 0; k < n; k++) {
      double d = a.get(k, column) - mean;
      v += d * d / n;
    }
    return v;
  }
}
