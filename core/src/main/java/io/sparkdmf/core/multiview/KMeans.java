package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;
import java.util.List;
import java.util.SplittableRandom;

/**
 * k-means over points held in {@link SampleBlocks} (columns of a per-block matrix): k-means++ seeding
 * (each next center drawn with probability proportional to its squared distance to the chosen ones,
 * by a weighted draw per block and pairwise merges, so the draw is exact and the same on every engine),
 * Lloyd iterations as sums over blocks, the best of several restarts by within-cluster cost.
 */
public final class KMeans {
  private static final int MAX_ITERATIONS = 300;

  /** Which matrix of a block holds the points (features x samples). */
  public interface Points extends Serializable {
    Matrix of(SampleBlock block);
  }

  private final int clusters;
  private final int restarts;
  private final long seed;

  public KMeans(int clusters, int restarts, long seed) {
    this.clusters = clusters;
    this.restarts = restarts;
    this.seed = seed;
  }

  /** The cluster of every sample, in sample order. */
  public int[] cluster(SampleBlocks blocks, Points points) {
    Matrix best = null;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int r = 0; r < restarts; r++) {
      Matrix centers = seed(blocks, points, seed * 1_000_003L + r);
      double cost = Double.POSITIVE_INFINITY;
      for (int it = 0; it < MAX_ITERATIONS; it++) {
        Matrix current = centers;
        Sums sums = blocks.aggregate(b -> Sums.of(points.of(b), current), Sums::merge);
        centers = sums.centers(current);
        boolean settled = cost - sums.cost <= 1e-12 * cost;
        cost = sums.cost;
        if (settled) {
          break;
        }
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = centers;
      }
    }
    Matrix chosen = best;
    List<int[]> parts = blocks.collect(b -> assign(points.of(b), chosen));
    int[] labels = new int[blocks.samples()];
    int at = 0;
    for (int[] part : parts) {
      System.arraycopy(part, 0, labels, at, part.length);
      at += part.length;
    }
    return labels;
  }

  private Matrix seed(SampleBlocks blocks, Points points, long runSeed) {
    Matrix centers = null;
    for (int c = 0; c < clusters; c++) {
      long round = runSeed * 31 + c;
      Matrix chosenSoFar = centers;
      int chosenCount = c;
      Draw draw = blocks.aggregate(
          b -> Draw.within(points.of(b), chosenSoFar, chosenCount, new SplittableRandom(round * 7919 + b.first())),
          (a, b) -> a.merge(b, round));
      double[] column = draw.point;
      if (centers == null) {
        centers = Matrix.zeros(column.length, clusters);
      }
      System.arraycopy(column, 0, centers.data(), c * column.length, column.length);
    }
    return centers;
  }

  private static int[] assign(Matrix x, Matrix centers) {
    int[] labels = new int[x.cols()];
    for (int s = 0; s < x.cols(); s++) {
      labels[s] = nearest(x, s, centers, centers.cols());
    }
    return labels;
  }

  private static int nearest(Matrix x, int s, Matrix centers, int count) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int c = 0; c < count; c++) {
      double d = distance(x, s, centers, c);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best;
  }

  private static double distance(Matrix x, int s, Matrix centers, int c) {
    double d = 0;
    int f = x.rows();
    double[] xd = x.data();
    double[] cd = centers.data();
    for (int i = 0; i < f; i++) {
      double diff = xd[s * f + i] - cd[c * f + i];
      d += diff * diff;
    }
    return d;
  }

  /** A point drawn with probability proportional to its weight, and the total weight it was drawn from. */
  private record Draw(double weight, double[] point) implements Serializable {
    /** Weight = squared distance to the nearest of the first {@code chosenCount} centers (1 before the first). */
    static Draw within(Matrix x, Matrix centers, int chosenCount, SplittableRandom random) {
      double total = 0;
      double[] chosen = null;
      for (int s = 0; s < x.cols(); s++) {
        double w = chosenCount == 0 ? 1 : distance(x, s, centers, nearest(x, s, centers, chosenCount));
        total += w;
        if (w > 0 && random.nextDouble() * total < w) {
          chosen = column(x, s);
        }
      }
      return new Draw(total, chosen);
    }

    Draw merge(Draw other, long round) {
      if (other.point == null) {
        return new Draw(weight + other.weight, point);
      }
      if (point == null) {
        return new Draw(weight + other.weight, other.point);
      }
      double u = new SplittableRandom(round ^ Double.doubleToLongBits(weight) * 0x9E3779B97F4A7C15L).nextDouble();
      return new Draw(weight + other.weight, u * (weight + other.weight) < weight ? point : other.point);
    }
  }

  private static double[] column(Matrix x, int s) {
    double[] out = new double[x.rows()];
    System.arraycopy(x.data(), s * x.rows(), out, 0, x.rows());
    return out;
  }

  /** Per-cluster sums and counts of the points nearest each center, and the total cost. */
  private static final class Sums implements Serializable {
    private final Matrix sums;
    private final long[] counts;
    private double cost;

    private Sums(int features, int clusters) {
      sums = Matrix.zeros(features, clusters);
      counts = new long[clusters];
    }

    static Sums of(Matrix x, Matrix centers) {
      Sums out = new Sums(x.rows(), centers.cols());
      for (int s = 0; s < x.cols(); s++) {
        int c = nearest(x, s, centers, centers.cols());
        out.cost += distance(x, s, centers, c);
        out.counts[c]++;
        for (int i = 0; i < x.rows(); i++) {
          out.sums.data()[c * x.rows() + i] += x.data()[s * x.rows() + i];
        }
      }
      return out;
    }

    Sums merge(Sums other) {
      sums.addScaled(1.0, other.sums);
      for (int c = 0; c < counts.length; c++) {
        counts[c] += other.counts[c];
      }
      cost += other.cost;
      return this;
    }

    /** The means; an empty cluster keeps its center. */
    Matrix centers(Matrix previous) {
      Matrix out = previous.copy();
      for (int c = 0; c < counts.length; c++) {
        if (counts[c] > 0) {
          for (int i = 0; i < out.rows(); i++) {
            out.set(i, c, sums.get(i, c) / counts[c]);
          }
        }
      }
      return out;
    }
  }
}
