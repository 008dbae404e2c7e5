package io.sparkdmf.data.multiview;

import io.sparkdmf.core.linalg.DataMatrix;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.multiview.MultiViewData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dense features of different types computed from the same objects (the several descriptors of a
 * handwritten digit, say). Each class is a curved one-dimensional manifold in a small latent space: a
 * three-quarter circle arc of radius 1 around a class centre, in a random plane, with some thickness. A
 * view is a non-linear map of the latent point, tanh(A z + b) with a random A and b per view, plus
 * noise of its own level: elongated, bent clusters that k-means' round ones fit badly.
 *
 * @see GeneratedSuite
 */
public final class CurvedManifoldViews {
  private static final int LATENT = 4;
  private static final double ARC = 1.5 * Math.PI;

  /**
   * @param dimensions per view, its features
   * @param noise per view, the standard deviation of its additive noise
   * @param centreSpread standard deviation of the class centres in each latent coordinate
   */
  public record Spec(int samples, int classes, int[] dimensions, double[] noise, double centreSpread) {}

  private CurvedManifoldViews() {}

  public static MultiViewData generate(Spec spec, long seed) {
    Draws draws = new Draws(seed);
    int[] labels = draws.balancedLabels(spec.samples(), spec.classes());
    double[][] centre = new double[spec.classes()][LATENT];
    double[][][] plane = new double[spec.classes()][][];
    for (int c = 0; c < spec.classes(); c++) {
      for (int i = 0; i < LATENT; i++) {
        centre[c][i] = spec.centreSpread() * draws.gaussian();
      }
      plane[c] = orthonormalPair(draws);
    }
    Matrix latent = Matrix.zeros(spec.samples(), LATENT);
    for (int s = 0; s < spec.samples(); s++) {
      int c = labels[s];
      double angle = ARC * draws.uniform();
      for (int i = 0; i < LATENT; i++) {
        latent.set(s, i, centre[c][i] + Math.cos(angle) * plane[c][0][i] + Math.sin(angle) * plane[c][1][i]
            + 0.1 * draws.gaussian());
      }
    }
    List<DataMatrix> views = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int v = 0; v < spec.dimensions().length; v++) {
      int d = spec.dimensions()[v];
      Matrix map = Matrix.zeros(LATENT, d);
      double[] offset = new double[d];
      for (int j = 0; j < d; j++) {
        offset[j] = 0.5 * draws.gaussian();
        for (int i = 0; i < LATENT; i++) {
          map.set(i, j, draws.gaussian() / Math.sqrt(LATENT * (1 + spec.centreSpread() * spec.centreSpread())));
        }
      }
      Matrix view = latent.times(map);
      for (int s = 0; s < spec.samples(); s++) {
        for (int j = 0; j < d; j++) {
          view.set(s, j, Math.tanh(view.get(s, j) + offset[j]) + spec.noise()[v] * draws.gaussian());
        }
      }
      views.add(view);
      names.add("descriptor" + (v + 1));
    }
    return new MultiViewData(names, views, labels);
  }

  /** Two orthonormal vectors in the latent space (Gram-Schmidt on Gaussian draws). */
  private static double[][] orthonormalPair(Draws draws) {
    double[] a = new double[LATENT];
    double[] b = new double[LATENT];
    for (int i = 0; i < LATENT; i++) {
      a[i] = draws.gaussian();
      b[i] = draws.gaussian();
    }
    normalise(a);
    double projection = 0;
    for (int i = 0; i < LATENT; i++) {
      projection += a[i] * b[i];
    }
    for (int i = 0; i < LATENT; i++) {
      b[i] -= projection * a[i];
    }
    normalise(b);
    return new double[][] {a, b};
  }

  private static void normalise(double[] x) {
    double norm = Math.sqrt(Arrays.stream(x).map(value -> value * value).sum());
    for (int i = 0; i < x.length; i++) {
      x[i] /= norm;
    }
  }
}
