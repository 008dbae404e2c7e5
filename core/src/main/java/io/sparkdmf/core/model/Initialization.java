package io.sparkdmf.core.model;

import io.sparkdmf.core.EnumNames;
import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How the factors start, at init scale s (docs/maths.md §1): small initialization is what gives
 * deep factorizations their low-rank bias.
 */
public enum Initialization {
  /** Every W_k i.i.d. N(0, sigma^2) with sigma = s^{1/N} / sqrt(d), d the hidden width. */
  GAUSSIAN,
  /** W_k = s^{1/N} I (rectangular identity): exactly balanced. */
  IDENTITY,
  /** A random (semi-)orthogonal matrix times (s sqrt(n))^{1/N}. */
  ORTHOGONAL;

  public static Initialization parse(String name) {
    return EnumNames.parse(Initialization.class, name, "initialization");
  }

  public DeepFactorization create(FactorShapes shapes, double scale, long seed) {
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("init scale must be a positive number, got " + scale);
    }
    int depth = shapes.depth();
    Random random = new Random(seed);
    List<Matrix> factors = new ArrayList<>(depth);
    for (int k = 1; k <= depth; k++) {
      int rows = shapes.dim(k);
      int cols = shapes.dim(k - 1);
      factors.add(switch (this) {
        case GAUSSIAN -> Matrix.gaussian(rows, cols,
            Math.pow(scale, 1.0 / depth) / Math.sqrt(shapes.hiddenWidth()), random);
        case IDENTITY -> scaled(Matrix.identity(rows, cols), Math.pow(scale, 1.0 / depth));
        case ORTHOGONAL -> scaled(randomOrthogonal(rows, cols, random),
            Math.pow(scale * Math.sqrt(shapes.dim(0)), 1.0 / depth));
      });
    }
    return new DeepFactorization(factors);
  }

  private static Matrix scaled(Matrix m, double factor) {
    m.scale(factor);
    return m;
  }

  /** The orthogonal polar factor U V^T of a Gaussian matrix: Haar-distributed (semi-)orthogonal. */
  private static Matrix randomOrthogonal(int rows, int cols, Random random) {
    Decompositions.Svd svd = Decompositions.svd(Matrix.gaussian(rows, cols, 1.0, random));
    return svd.u().times(svd.vt());
  }
}
