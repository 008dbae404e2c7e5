package io.sparkdmf.core.sharpness;

import io.sparkdmf.core.linalg.Matrix;

/** The projection P_Omega onto observed entries (a 0/1 mask), or the identity when all are observed. */
public record ObservedEntries(Matrix mask) {

  public static ObservedEntries all() {
    return new ObservedEntries(null);
  }

  /** P_Omega(z), a fresh matrix. */
  public Matrix project(Matrix z) {
    Matrix out = z.copy();
    if (mask != null) {
      double[] data = out.data();
      double[] keep = mask.data();
      for (int e = 0; e < data.length; e++) {
        data[e] *= keep[e];
      }
    }
    return out;
  }
}
