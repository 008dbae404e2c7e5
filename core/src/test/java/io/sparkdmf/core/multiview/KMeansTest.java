package io.sparkdmf.core.multiview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdmf.core.linalg.DataMatrix;
import io.sparkdmf.core.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KMeansTest {

  /** Points (features x samples) split into {@code blocks} consecutive sample blocks. */
  private static LocalSampleBlocks blocks(Matrix points, int blocks) {
    List<SampleBlock> out = new ArrayList<>();
    int n = points.cols();
    for (int b = 0; b < blocks; b++) {
      int from = b * n / blocks;
      int to = (b + 1) * n / blocks;
      out.add(new SampleBlock(from, new DataMatrix[] {points.columns(from, to)}, null, null, null, null));
    }
    return new LocalSampleBlocks(out);
  }

  private static int[] cluster(Matrix points, int k, int restarts, long seed, int blocks) {
    return new KMeans(k, restarts, seed).cluster(blocks(points, blocks), b -> (Matrix) b.x()[0]);
  }

  /** Overlapping Gaussian blobs in 5 dimensions: Lloyd needs many iterations to settle on them. */
  private static Matrix overlappingBlobs(int n, int k, long seed) {
    Random random = new Random(seed);
    Matrix centers = Matrix.gaussian(5, k, 1.5, random);
    Matrix points = Matrix.zeros(5, n);
    for (int s = 0; s < n; s++) {
      int c = random.nextInt(k);
      for (int i = 0; i < 5; i++) {
        points.set(i, s, centers.get(i, c) + random.nextGaussian());
      }
    }
    return points;
  }

  @Test
  void separatedPointsOnALineFallIntoTheirTwoGroups() {
    Matrix points = new Matrix(1, 6, new double[] {0, 1, 2, 10, 11, 12});
    int[] labels = cluster(points, 2, 3, 0, 1);
    assertEquals(labels[0], labels[1]);
    assertEquals(labels[0], labels[2]);
    assertEquals(labels[3], labels[4]);
    assertEquals(labels[3], labels[5]);
    assertEquals(1, Math.abs(labels[0] - labels[3]));
  }

  /**
   * The answer is a fixed point of Lloyd's iteration: every point is nearest to the mean of its own
   * cluster. A run that stopped after its first assignment would leave points nearer another mean.
   */
  @Test
  void everyPointIsNearestToTheMeanOfItsOwnCluster() {
    int k = 8;
    Matrix points = overlappingBlobs(1500, k, 3);
    for (long seed = 0; seed < 3; seed++) {
      int[] labels = cluster(points, k, 1, seed, 1);
      double[][] means = new double[k][5];
      int[] counts = new int[k];
      for (int s = 0; s < points.cols(); s++) {
        counts[labels[s]]++;
        for (int i = 0; i < 5; i++) {
          means[labels[s]][i] += points.get(i, s);
        }
      }
      for (int c = 0; c < k; c++) {
        for (int i = 0; i < 5; i++) {
          means[c][i] /= counts[c];
        }
      }
      for (int s = 0; s < points.cols(); s++) {
        int nearest = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double d = 0;
          for (int i = 0; i < 5; i++) {
            d += (points.get(i, s) - means[c][i]) * (points.get(i, s) - means[c][i]);
          }
          if (d < best) {
            best = d;
            nearest = c;
          }
        }
        assertEquals(nearest, labels[s], "seed " + seed + ": sample " + s + " is nearer another cluster's mean");
      }
    }
  }

  /** Blocks draw their own random numbers, so the starts differ; with restarts the partition does not. */
  @Test
  void theSplitIntoBlocksDoesNotChangeThePartitionFound() {
    Matrix points = overlappingBlobs(600, 5, 7);
    int[] one = cluster(points, 5, 10, 11, 1);
    int[] three = cluster(points, 5, 10, 11, 3);
    assertEquals(1.0, ClusteringMetrics.of(one, three).accuracy(), 1e-12);
  }
}
