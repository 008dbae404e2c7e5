package io.sparkdmf.core.metrics;

import java.util.Arrays;

/**
 * The assignment problem on a square cost matrix by the Hungarian algorithm with potentials
 * (Kuhn-Munkres, O(n^3)). No maintained Java library on Maven Central provides it without a large
 * dependency (commons-math has none), and it is 40 lines.
 */
public final class Hungarian {
  private Hungarian() {}

  /** For each row, the column it is assigned to, minimising the total cost. */
  public static int[] minimumCostAssignment(double[][] cost) {
    int n = cost.length;
    double[] u = new double[n + 1];
    double[] v = new double[n + 1];
    int[] matchOfColumn = new int[n + 1]; // 1-based row matched to each column, 0 = none
    int[] way = new int[n + 1];
    for (int row = 1; row <= n; row++) {
      matchOfColumn[0] = row;
      int column = 0;
      double[] minimum = new double[n + 1];
      Arrays.fill(minimum, Double.POSITIVE_INFINITY);
      boolean[] used = new boolean[n + 1];
      do {
        used[column] = true;
        int current = matchOfColumn[column];
        double delta = Double.POSITIVE_INFINITY;
        int next = 0;
        for (int j = 1; j <= n; j++) {
          if (!used[j]) {
            double reduced = cost[current - 1][j - 1] - u[current] - v[j];
            if (reduced < minimum[j]) {
              minimum[j] = reduced;
              way[j] = column;
            }
            if (minimum[j] < delta) {
              delta = minimum[j];
              next = j;
            }
          }
        }
        for (int j = 0; j <= n; j++) {
          if (used[j]) {
            u[matchOfColumn[j]] += delta;
            v[j] -= delta;
          } else {
            minimum[j] -= delta;
          }
        }
        column = next;
      } while (matchOfColumn[column] != 0);
      do {
        int previous = way[column];
        matchOfColumn[column] = matchOfColumn[previous];
        column = previous;
      } while (column != 0);
    }
    int[] assignment = new int[n];
    for (int j = 1; j <= n; j++) {
      assignment[matchOfColumn[j] - 1] = j - 1;
    }
    return assignment;
  }
}
