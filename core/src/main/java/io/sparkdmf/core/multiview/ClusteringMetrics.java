package io.sparkdmf.core.multiview;

import io.sparkdmf.core.metrics.Hungarian;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * External clustering metrics as scikit-learn defines them (docs/maths.md §6): accuracy under the
 * best one-to-one matching of clusters to classes (Hungarian algorithm), NMI with the arithmetic mean
 * of the entropies, purity, and the adjusted Rand index.
 */
public record ClusteringMetrics(double accuracy, double nmi, double purity, double ari) {

  public static ClusteringMetrics of(int[] truth, int[] predicted) {
    if (truth.length != predicted.length || truth.length == 0) {
      throw new IllegalArgumentException("need as many predictions as labels (" + truth.length + " vs "
          + predicted.length + ")");
    }
    long[][] table = contingency(truth, predicted);
    return new ClusteringMetrics(accuracy(table, truth.length), nmi(table, truth.length),
        purity(table, truth.length), ari(table, truth.length));
  }

  /** Rows: classes, columns: clusters (labels compacted to 0..c-1 in order of first appearance). */
  static long[][] contingency(int[] truth, int[] predicted) {
    int[] classes = compact(truth);
    int[] clusters = compact(predicted);
    int rows = Arrays.stream(classes).max().orElse(0) + 1;
    int cols = Arrays.stream(clusters).max().orElse(0) + 1;
    long[][] table = new long[rows][cols];
    for (int i = 0; i < truth.length; i++) {
      table[classes[i]][clusters[i]]++;
    }
    return table;
  }

  private static int[] compact(int[] labels) {
    Map<Integer, Integer> ids = new HashMap<>();
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = ids.computeIfAbsent(labels[i], key -> ids.size());
    }
    return out;
  }

  private static double accuracy(long[][] table, int n) {
    int size = Math.max(table.length, table[0].length);
    double[][] cost = new double[size][size];
    for (int i = 0; i < table.length; i++) {
      for (int j = 0; j < table[0].length; j++) {
        cost[i][j] = -table[i][j];
      }
    }
    int[] match = Hungarian.minimumCostAssignment(cost);
    long matched = 0;
    for (int i = 0; i < table.length; i++) {
      if (match[i] < table[0].length) {
        matched += table[i][match[i]];
      }
    }
    return (double) matched / n;
  }

  private static double nmi(long[][] table, int n) {
    double[] a = rowSums(table);
    double[] b = columnSums(table);
    double mutual = 0;
    for (int i = 0; i < table.length; i++) {
      for (int j = 0; j < table[0].length; j++) {
        if (table[i][j] > 0) {
          double pij = (double) table[i][j] / n;
          mutual += pij * Math.log(pij * n * n / (a[i] * b[j]));
        }
      }
    }
    double ha = entropy(a, n);
    double hb = entropy(b, n);
    if (ha == 0 && hb == 0) {
      return 1; // both a single group: identical partitions (scikit-learn's convention)
    }
    return mutual / ((ha + hb) / 2);
  }

  private static double entropy(double[] counts, int n) {
    double h = 0;
    for (double c : counts) {
      if (c > 0) {
        h -= c / n * Math.log(c / n);
      }
    }
    return h;
  }

  private static double purity(long[][] table, int n) {
    long sum = 0;
    for (int j = 0; j < table[0].length; j++) {
      long best = 0;
      for (long[] row : table) {
        best = Math.max(best, row[j]);
      }
      sum += best;
    }
    return (double) sum / n;
  }

  private static double ari(long[][] table, int n) {
    double index = 0;
    for (long[] row : table) {
      for (long c : row) {
        index += pairs(c);
      }
    }
    double rows = 0;
    for (double a : rowSums(table)) {
      rows += pairs(a);
    }
    double cols = 0;
    for (double b : columnSums(table)) {
      cols += pairs(b);
    }
    double expected = rows * cols / pairs(n);
    double max = (rows + cols) / 2;
    if (max == expected) {
      return 1; // both partitions trivial in the same way (scikit-learn returns 1.0)
    }
    return (index - expected) / (max - expected);
  }

  private static double pairs(double c) {
    return c * (c - 1) / 2;
  }

  private static double[] rowSums(long[][] table) {
    double[] out = new double[table.length];
    for (int i = 0; i < table.length; i++) {
      for (long c : table[i]) {
        out[i] += c;
      }
    }
    return out;
  }

  private static double[] columnSums(long[][] table) {
    double[] out = new double[table[0].length];
    for (long[] row : table) {
      for (int j = 0; j < row.length; j++) {
        out[j] += row[j];
      }
    }
    return out;
  }
}
