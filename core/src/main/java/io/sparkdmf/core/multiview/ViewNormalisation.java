package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.Matrix;
import java.util.Locale;

/**
 * Per-view scaling before factorization (views may differ in scale by orders of magnitude). Views
 * are samples x features here, as read. Z-score is the default: it puts every feature on the same
 * footing whatever its unit and keeps signs (semi-NMF takes mixed-sign data).
 */
public enum ViewNormalisation {
  /** Each feature to mean 0, standard deviation 1. */
  ZSCORE,
  /** Each sample to Euclidean norm 1. */
  UNIT_NORM,
  /** Each feature to [0, 1]. */
  MINMAX,
  NONE;

  public static ViewNormalisation parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown normalisation '" + name + "' (zscore, unit-norm, minmax or none)");
    }
  }

  /** A normalised copy of a samples x features view (features already checked not constant). */
  public Matrix apply(Matrix view) {
    Matrix out = view.copy();
    int n = view.rows();
    int d = view.cols();
    switch (this) {
      case ZSCORE, MINMAX -> {
        for (int j = 0; j < d; j++) {
          double mean = 0;
          double min = Double.POSITIVE_INFINITY;
          double max = Double.NEGATIVE_INFINITY;
          for (int i = 0; i < n; i++) {
            mean += view.get(i, j) / n;
            min = Math.min(min, view.get(i, j));
            max = Math.max(max, view.get(i, j));
          }
          double variance = 0;
          for (int i = 0; i < n; i++) {
            variance += (view.get(i, j) - mean) * (view.get(i, j) - mean) / n;
          }
          double shift = this == ZSCORE ? mean : min;
          double scale = this == ZSCORE ? Math.sqrt(variance) : max - min;
          for (int i = 0; i < n; i++) {
            out.set(i, j, (view.get(i, j) - shift) / scale);
          }
        }
      }
      case UNIT_NORM -> {
        for (int i = 0; i < n; i++) {
          double norm = 0;
          for (int j = 0; j < d; j++) {
            norm += view.get(i, j) * view.get(i, j);
          }
          norm = Math.sqrt(norm);
          for (int j = 0; j < d; j++) {
            out.set(i, j, norm > 0 ? view.get(i, j) / norm : 0);
          }
        }
      }
      case NONE -> { }
    }
    return out;
  }
}
