package io.sparkdmf.light.scene;

import io.sparkdmf.core.linalg.Matrix;
import java.util.Random;

/**
 * The 2-D case: a hidden 16 x 16 video of bright shapes moving over a dim screen, seen only through
 * the light it throws on a visible diffuse wall, past an occluder.
 *
 * <p>Geometry (unit square scenes, distances in those units): the hidden screen lies in the plane
 * x = 0, facing +x; the visible wall in the plane x = {@value #WALL_DISTANCE}, facing the screen; an
 * opaque rectangle halfway between them blocks part of the light. Hidden pixel h lights wall point p
 * with T[p, h] = visible(h, p) cos(theta_h) cos(theta_p) / d^2 (Lambertian emitter and receiver,
 * inverse-square fall-off), so T is smooth where nothing is in the way and has the occluder's sharp
 * penumbrae: image-like, but not a blur that a deconvolution would undo. The camera adds Gaussian
 * noise of {@value #NOISE} times the mean observed value.
 */
public final class PhysicalScene {
  static final double WALL_DISTANCE = 1.0;
  static final double NOISE = 0.01;
  /** The occluder in the plane x = WALL_DISTANCE / 2: y in [Y0, Y1], z in [Z0, Z1]. */
  static final double OCCLUDER_Y0 = -0.05;
  static final double OCCLUDER_Y1 = 0.6;
  static final double OCCLUDER_Z0 = -0.6;
  static final double OCCLUDER_Z1 = 0.1;
  private static final int SHAPES = 2;
  private static final double AMBIENT = 0.05;

  private PhysicalScene() {}

  public static LightScene generate(FrameShape hiddenShape, FrameShape observedShape, int frames, long seed) {
    Random random = new Random(seed);
    Matrix transport = transport(hiddenShape, observedShape);
    Matrix hidden = movingShapes(hiddenShape, frames, random);
    Matrix observed = transport.times(hidden);
    double mean = 0;
    for (double v : observed.data()) {
      mean += v / observed.data().length;
    }
    for (int i = 0; i < observed.data().length; i++) {
      observed.data()[i] += NOISE * mean * random.nextGaussian();
    }
    return new LightScene("scene-2d", transport, hidden, observed, observedShape, hiddenShape);
  }

  /** The light transport from every hidden pixel to every wall pixel (both centred unit squares). */
  public static Matrix transport(FrameShape hiddenShape, FrameShape observedShape) {
    Matrix t = Matrix.zeros(observedShape.pixels(), hiddenShape.pixels());
    for (int p = 0; p < observedShape.pixels(); p++) {
      double py = coordinate(p % observedShape.width(), observedShape.width());
      double pz = coordinate(p / observedShape.width(), observedShape.height());
      for (int h = 0; h < hiddenShape.pixels(); h++) {
        double hy = coordinate(h % hiddenShape.width(), hiddenShape.width());
        double hz = coordinate(h / hiddenShape.width(), hiddenShape.height());
        if (occluded(hy, hz, py, pz)) {
          continue;
        }
        double dy = py - hy;
        double dz = pz - hz;
        double d2 = WALL_DISTANCE * WALL_DISTANCE + dy * dy + dz * dz;
        double cosine = WALL_DISTANCE / Math.sqrt(d2); // the same at both ends: the planes are parallel
        t.set(p, h, cosine * cosine / d2);
      }
    }
    return t;
  }

  /** Whether the ray from hidden point (0, hy, hz) to wall point (D, py, pz) meets the occluder at D / 2. */
  static boolean occluded(double hy, double hz, double py, double pz) {
    double y = 0.5 * (hy + py);
    double z = 0.5 * (hz + pz);
    return y >= OCCLUDER_Y0 && y <= OCCLUDER_Y1 && z >= OCCLUDER_Z0 && z <= OCCLUDER_Z1;
  }

  /** The centre of pixel {@code index} of {@code count} across [-0.5, 0.5]. */
  private static double coordinate(int index, int count) {
    return (index + 0.5) / count - 0.5;
  }

  /** Discs bouncing inside the frame at constant speeds, each of its own brightness, on a dim background. */
  static Matrix movingShapes(FrameShape shape, int frames, Random random) {
    Matrix l = Matrix.zeros(shape.pixels(), frames);
    for (int s = 0; s < SHAPES; s++) {
      double radius = 0.12 + 0.08 * random.nextDouble();
      double y = radius + (1 - 2 * radius) * random.nextDouble();
      double z = radius + (1 - 2 * radius) * random.nextDouble();
      double angle = 2 * Math.PI * random.nextDouble();
      double speed = (0.02 + 0.02 * random.nextDouble());
      double vy = speed * Math.cos(angle);
      double vz = speed * Math.sin(angle);
      double brightness = 0.6 + 0.4 * random.nextDouble();
      for (int f = 0; f < frames; f++) {
        for (int h = 0; h < shape.pixels(); h++) {
          double dy = (h % shape.width() + 0.5) / shape.width() - y;
          double dz = (h / shape.width() + 0.5) / shape.height() - z;
          // a disc with a one-pixel soft edge
          double edge = (radius - Math.sqrt(dy * dy + dz * dz)) * shape.width();
          double cover = Math.max(0, Math.min(1, edge + 0.5));
          l.set(h, f, l.get(h, f) + brightness * cover);
        }
        y += vy;
        z += vz;
        if (y < radius || y > 1 - radius) {
          vy = -vy;
          y = Math.max(radius, Math.min(1 - radius, y));
        }
        if (z < radius || z > 1 - radius) {
          vz = -vz;
          z = Math.max(radius, Math.min(1 - radius, z));
        }
      }
    }
    for (int i = 0; i < l.data().length; i++) {
      l.data()[i] = Math.min(1, l.data()[i]) + AMBIENT;
    }
    return l;
  }
}
