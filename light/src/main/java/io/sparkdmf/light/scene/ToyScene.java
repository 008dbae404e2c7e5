package io.sparkdmf.light.scene;

import io.sparkdmf.core.linalg.Matrix;
import java.util.Random;

/**
 * The 1-D toy: a transport matrix that is itself an image (shapes and blobs on a gradient, n x n) and a
 * hidden video of a few bright tracks moving over n hidden pixels, Z = T L with no noise. Small and
 * noise-free, it isolates the question whether a factorization recovers image-like factors.
 */
public final class ToyScene {
  private static final int BLOBS = 6;
  private static final int SHAPES = 8;
  private static final int TRACKS = 3;
  /** Width (standard deviation, in pixels) of a track's bright spot. */
  private static final double SPOT = 1.5;
  private static final double BACKGROUND = 0.05;

  private ToyScene() {}

  /** An n x n transport and an n x frames hidden video. */
  public static LightScene generate(int n, int frames, long seed) {
    Random random = new Random(seed);
    Matrix transport = transport(n, random);
    Matrix hidden = tracks(n, frames, random);
    return new LightScene("toy-1d", transport, hidden, transport.times(hidden), new FrameShape(n, 1),
        new FrameShape(n, 1));
  }

  /**
   * A positive cartoon-like image with values in (0, 1]: smooth shading plus a few Gaussian blobs and
   * sharp-edged ellipses and rectangles, so that neighbouring columns differ (a transport score on a
   * merely smooth T would reward any smooth estimate).
   */
  static Matrix transport(int n, Random random) {
    Matrix t = Matrix.zeros(n, n);
    double gx = random.nextDouble();
    double gy = random.nextDouble();
    double[][] blobs = new double[BLOBS][];
    for (int b = 0; b < BLOBS; b++) {
      blobs[b] = new double[] {random.nextDouble(), random.nextDouble(), 0.03 + 0.1 * random.nextDouble(),
          0.3 + 0.7 * random.nextDouble()};
    }
    double[][] shapes = new double[SHAPES][];
    for (int k = 0; k < SHAPES; k++) {
      shapes[k] = new double[] {random.nextDouble(), random.nextDouble(), 0.05 + 0.2 * random.nextDouble(),
          0.05 + 0.2 * random.nextDouble(), 0.3 + 0.7 * random.nextDouble(), random.nextInt(2)};
    }
    double peak = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double y = (i + 0.5) / n;
        double x = (j + 0.5) / n;
        double v = 0.1 + 0.2 * (gx * x + gy * y);
        for (double[] blob : blobs) {
          double dx = x - blob[0];
          double dy = y - blob[1];
          v += blob[3] * Math.exp(-(dx * dx + dy * dy) / (2 * blob[2] * blob[2]));
        }
        for (double[] shape : shapes) {
          double dx = Math.abs(x - shape[0]) / shape[2];
          double dy = Math.abs(y - shape[1]) / shape[3];
          boolean inside = shape[5] == 0 ? dx * dx + dy * dy <= 1 : dx <= 1 && dy <= 1;
          if (inside) {
            v += shape[4];
          }
        }
        t.set(i, j, v);
        peak = Math.max(peak, v);
      }
    }
    t.scale(1 / peak);
    return t;
  }

  /** Tracks moving on sinusoids of random period and phase, each a Gaussian spot, over a dim background. */
  static Matrix tracks(int n, int frames, Random random) {
    Matrix l = Matrix.zeros(n, frames);
    for (int k = 0; k < TRACKS; k++) {
      double centre = n * (0.25 + 0.5 * random.nextDouble());
      double amplitude = n * (0.15 + 0.2 * random.nextDouble());
      double period = frames * (0.3 + 0.7 * random.nextDouble());
      double phase = 2 * Math.PI * random.nextDouble();
      double brightness = 0.6 + 0.4 * random.nextDouble();
      for (int f = 0; f < frames; f++) {
        double at = centre + amplitude * Math.sin(2 * Math.PI * f / period + phase);
        for (int p = 0; p < n; p++) {
          double d = (p - at) / SPOT;
          l.set(p, f, l.get(p, f) + brightness * Math.exp(-0.5 * d * d));
        }
      }
    }
    for (int i = 0; i < l.data().length; i++) {
      l.data()[i] += BACKGROUND;
    }
    return l;
  }
}
