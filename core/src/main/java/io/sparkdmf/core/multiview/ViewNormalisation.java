package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.DataMatrix;
import io.sparkdmf.core.linalg.Matrix;
import java.util.Locale;

/**
 * Per-view scaling before factorization (views may differ in scale by orders of magnitude). Views
 * are samples x features here, as read. {@link #AUTO}, the default, chooses per view: unit-norm
 * samples for sparse non-negative views (word counts, tf-idf, bags of visual words, where a sample's
 * length says how long the document is, not what it is about, and z-scoring would turn every absent
 * word into a negative value), z-score otherwise (it puts every feature on the same footing whatever
 * its unit and keeps signs; semi-NMF takes mixed-sign data).
 */
public enum ViewNormalisation {
  /** Per view: {@link #UNIT_NORM} when no value is negative and at least half are zero, else {@link #ZSCORE}. */
  AUTO,
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
      throw new IllegalArgumentException("unknown normalisation '" + name + "' (auto, zscore, unit-norm, minmax or"
          + " none)");
    }
  }

  /** The share of zeros at or above which a non-negative view counts as sparse for {@link #AUTO}. */
  public static final double SPARSE_ZEROS = 0.5;

  /** The normalisation this one applies to {@code view}: itself, or for {@link #AUTO} the one its rule picks. */
  public ViewNormalisation resolve(DataMatrix view) {
    if (this != AUTO) {
      return this;
    }
    boolean[] negative = {false};
    view.forEachStored((i, j, value) -> negative[0] |= value < 0);
    if (negative[0]) {
      return ZSCORE;
    }
    long entries = (long) view.rows() * view.cols();
    return entries - view.nonZeros() >= SPARSE_ZEROS * entries ? UNIT_NORM : ZSCORE;
  }

  /**
   * A normalised copy of a samples x features view (features already checked not constant). Unit-norm
   * samples keep a sparse view sparse; the per-feature scalings shift zeros and so give a dense view.
   */
  public DataMatrix apply(DataMatrix view) {
    ViewNormalisation applied = resolve(view);
    return switch (applied) {
      case ZSCORE, MINMAX -> perFeature(view.dense(), applied == ZSCORE);
      case UNIT_NORM -> {
        double[] inverseNorms = view.rowSquaredNorms().data().clone();
        for (int i = 0; i < inverseNorms.length; i++) {
          inverseNorms[i] = inverseNorms[i] > 0 ? 1 / Math.sqrt(inverseNorms[i]) : 0;
        }
        yield view.scaleRows(inverseNorms);
      }
      case NONE, AUTO -> view;
    };
  }

  /** Each feature shifted and scaled: to mean 0 and deviation 1 (z-score) or onto [0, 1] (min-max). */
  private static Matrix perFeature(Matrix view, boolean zscore) {
    Matrix out = view.copy();
    int n = view.rows();
    for (int j = 0; j < view.cols(); j++) {
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
      double shift = zscore ? mean : min;
      double scale = zscore ? Math.sqrt(variance) : max - min;
      for (int i = 0; i < n; i++) {
        out.set(i, j, (view.get(i, j) - shift) / scale);
      }
    }
    return out;
  }
}
