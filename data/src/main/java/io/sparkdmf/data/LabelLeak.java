package io.sparkdmf.data;

import io.sparkdmf.core.linalg.Matrix;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches a label column read as a feature, which would let the labels steer the clustering they are
 * meant to judge. A view's first or last column that equals the given labels is an error; without
 * labels, a first or last column of a few distinct integers in a view whose other columns are not
 * integers is most likely a label column, and is warned about.
 */
final class LabelLeak {
  private static final Logger LOG = LoggerFactory.getLogger(LabelLeak.class);
  /** More distinct values than this and an integer column reads as a count, not a class. */
  private static final int MAX_CLASSES = 100;

  private LabelLeak() {}

  /** @param labels the labels given separately, or null */
  static void check(Matrix view, int[] labels, String file) {
    if (view.cols() < 2) {
      return;
    }
    for (int column : new int[] {0, view.cols() - 1}) {
      String which = column == 0 ? "first" : "last";
      if (labels != null && labels.length == view.rows() && equalsLabels(view, column, labels)) {
        throw new InputException(file, "the " + which + " column (" + (column + 1) + ") equals the labels:"
            + " read as a feature it would leak them into the clustering; give --label-column " + which
            + " to read the labels from it, or remove it");
      }
      if (labels == null && looksLikeLabels(view, column)) {
        LOG.warn("{}: the {} column ({}) holds a few distinct integers while the other columns do not: if it"
            + " holds labels, give --label-column {}, or they are clustered as a feature", file, which, column + 1,
            which);
      }
    }
  }

  private static boolean equalsLabels(Matrix view, int column, int[] labels) {
    for (int i = 0; i < view.rows(); i++) {
      if (view.get(i, column) != labels[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean looksLikeLabels(Matrix view, int column) {
    if (!isIntegerColumn(view, column)) {
      return false;
    }
    Set<Double> values = new HashSet<>();
    for (int i = 0; i < view.rows(); i++) {
      double value = view.get(i, column);
      if (value < 0 || values.add(value) && values.size() > MAX_CLASSES) {
        return false;
      }
    }
    if (values.size() < 2) {
      return false;
    }
    for (int j = 0; j < view.cols(); j++) {
      if (j != column && isIntegerColumn(view, j)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIntegerColumn(Matrix view, int column) {
    for (int i = 0; i < view.rows(); i++) {
      if (view.get(i, column) != Math.rint(view.get(i, column))) {
        return false;
      }
    }
    return true;
  }
}
