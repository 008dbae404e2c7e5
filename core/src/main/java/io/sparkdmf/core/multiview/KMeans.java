package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * k-means over points held in {@link SampleBlocks} (columns of a per-block matrix): k-means++ seeding
 * (each next center drawn with probability proportional to its squared distance to the chosen ones,
 * by a weighted draw per block and pairwise merges, so the draw is exact and the same on every engine),
 * Lloyd iterations as sums over blocks, the best of several restarts by within-cluster cost.
 */
public final class KMeans {
  private static final int MAX_ITERATIONS = 300;
  /** Samples per gemm when computing distances: bounds the (restarts x k) x CHUNK buffer. */
  private static final int CHUNK = 256;

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

  /**
   * The cluster of every sample, in sample order. All restarts advance together, one pass over the
   * blocks per seeding round or Lloyd iteration for all of them (on Spark one job, not one per restart);
   * each restart computes exactly what it would alone.
   */
  public int[] cluster(SampleBlocks blocks, Points points) {
    Matrix[] centers = seed(blocks, points);
    double[] cost = new double[restarts];
    Arrays.fill(cost, Double.POSITIVE_INFINITY);
    boolean[] settled = new boolean[restarts];
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      int[] active = IntStream.range(0, restarts).filter(r -> !settled[r]).toArray();
      if (active.length == 0) {
        break;
      }
      Matrix[] current = Arrays.stream(active).mapToObj(r -> centers[r]).toArray(Matrix[]::new);
      Sums[] sums = blocks.aggregate(b -> Sums.of(points.of(b), current), Sums::mergeAll);
      for (int a = 0; a < active.length; a++) {
        int r = active[a];
        centers[r] = sums[a].centers(current[a]);
        // the first pass has no previous cost to compare with (infinity minus anything would count as settled)
        settled[r] = it > 0 && cost[r] - sums[a].cost <= 1e-12 * cost[r];
        cost[r] = sums[a].cost;
      }
    }
    int best = 0;
    for (int r = 1; r < restarts; r++) {
      if (cost[r] < cost[best]) {
        best = r;
      }
    }
    Matrix chosen = centers[best];
    List<int[]> parts = blocks.collect(b -> assign(points.of(b), chosen));
    int[] labels = new int[blocks.samples()];
    int at = 0;
    for (int[] part : parts) {
      System.arraycopy(part, 0, labels, at, part.length);
      at += part.length;
    }
    return labels;
  }

  /** k-means++ starts for every restart, one pass per center for all of them. */
  private Matrix[] seed(SampleBlocks blocks, Points points) {
    Matrix[] centers = new Matrix[restarts];
    for (int c = 0; c < clusters; c++) {
      long[] rounds = new long[restarts];
      for (int r = 0; r < restarts; r++) {
        rounds[r] = (seed * 1_000_003L + r) * 31 + c;
      }
      Matrix[] chosenSoFar = centers.clone();
      int chosenCount = c;
      Draw[] draws = blocks.aggregate(b -> {
        Draw[] out = new Draw[rounds.length];
        for (int r = 0; r < out.length; r++) {
          out[r] = Draw.within(points.of(b), chosenSoFar[r], chosenCount, new SplittableRandom(rounds[r] * 7919 + b.first()));
        }
        return out;
      }, (a, b) -> {
        for (int r = 0; r < a.length; r++) {
          a[r] = a[r].merge(b[r], rounds[r]);
        }
        return a;
      });
      for (int r = 0; r < restarts; r++) {
        double[] column = draws[r].point;
        if (centers[r] == null) {
          centers[r] = Matrix.zeros(column.length, clusters);
        }
        System.arraycopy(column, 0, centers[r].data(), c * column.length, column.length);
      }
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

  /**
   * Each sample's squared distance to the nearest of the first {@code count} centers, from gemm over
   * chunks of samples as in {@link Sums#of} (the seeding's passes would otherwise cost k^2 n d per restart).
   */
  private static double[] nearestSquaredDistances(Matrix x, Matrix centers, int count) {
    double[] out = new double[x.cols()];
    Distances.overChunks(x, centers.columns(0, count), (from, chunk, sampleNorms, centerNorms, dots) -> {
      for (int s = 0; s < chunk.cols(); s++) {
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < count; c++) {
          best = Math.min(best, centerNorms[c] - 2 * dots[s * count + c]);
        }
        out[from + s] = Math.max(0, sampleNorms[s] + best);
      }
    });
    return out;
  }

  /**
   * Squared distances ||x||^2 - 2 x.c + ||c||^2 of samples to centers by one gemm per chunk of
   * {@link #CHUNK} samples: level-3 BLAS where a per-pair loop cost 2 min for the 649-feature baselines
   * of the uci-mfeat experiment. The visitor gets a chunk's parts and adds them up as it needs.
   */
  private interface Distances {
    /**
     * @param from the chunk's first sample
     * @param dots centers x samples of the chunk, a sample's dots contiguous
     */
    void chunk(int from, Matrix chunk, double[] sampleNorms, double[] centerNorms, double[] dots);

    static void overChunks(Matrix x, Matrix centers, Distances visitor) {
      double[] centerNorms = columnNorms(centers);
      for (int from = 0; from < x.cols(); from += CHUNK) {
        Matrix chunk = x.columns(from, Math.min(x.cols(), from + CHUNK));
        visitor.chunk(from, chunk, columnNorms(chunk), centerNorms, centers.transposeTimes(chunk).data());
      }
    }
  }

  /** A point drawn with probability proportional to its weight, and the total weight it was drawn from. */
  private record Draw(double weight, double[] point) implements Serializable {
    /** Weight = squared distance to the nearest of the first {@code chosenCount} centers (1 before the first). */
    static Draw within(Matrix x, Matrix centers, int chosenCount, SplittableRandom random) {
      double[] weights = chosenCount == 0 ? null : nearestSquaredDistances(x, centers, chosenCount);
      double total = 0;
      double[] chosen = null;
      for (int s = 0; s < x.cols(); s++) {
        double w = weights == null ? 1 : weights[s];
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

  private static double[] columnNorms(Matrix x) {
    double[] norms = new double[x.cols()];
    for (int s = 0; s < x.cols(); s++) {
      for (int i = 0; i < x.rows(); i++) {
        double v = x.data()[s * x.rows() + i];
        norms[s] += v * v;
      }
    }
    return norms;
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

    /** The sums of one block for each set of centers, with distances to all of them by {@link Distances}. */
    static Sums[] of(Matrix x, Matrix[] centers) {
      int features = x.rows();
      int k = centers[0].cols();
      Matrix all = new Matrix(features, centers.length * k, new double[features * centers.length * k]);
      for (int r = 0; r < centers.length; r++) {
        System.arraycopy(centers[r].data(), 0, all.data(), r * features * k, features * k);
      }
      Sums[] out = new Sums[centers.length];
      for (int r = 0; r < out.length; r++) {
        out[r] = new Sums(features, k);
      }
      Distances.overChunks(x, all, (from, chunk, sampleNorms, centerNorms, dots) -> {
        for (int s = 0; s < chunk.cols(); s++) {
          for (int r = 0; r < out.length; r++) {
            int base = s * all.cols() + r * k;
            int best = 0;
            double bestPart = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
              double part = centerNorms[r * k + c] - 2 * dots[base + c];
              if (part < bestPart) {
                bestPart = part;
                best = c;
              }
            }
            out[r].add(chunk, s, best, Math.max(0, sampleNorms[s] + bestPart));
          }
        }
      });
      return out;
    }

    private void add(Matrix x, int s, int cluster, double squaredDistance) {
      cost += squaredDistance;
      counts[cluster]++;
      int f = x.rows();
      double[] target = sums.data();
      double[] source = x.data();
      for (int i = 0; i < f; i++) {
        target[cluster * f + i] += source[s * f + i];
      }
    }

    static Sums[] mergeAll(Sums[] into, Sums[] other) {
      for (int r = 0; r < into.length; r++) {
        into[r].merge(other[r]);
      }
      return into;
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
