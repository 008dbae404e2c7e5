package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.DataMatrix;
import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;

/**
 * One view's sums over the samples at the current coefficients H of a layer with input Y: the cross
 * products Y H^T (features x k), the Gram H H^T (k x k) and, when the graph term is on, the graph energy
 * ({@link GraphTerm#energy}, k x 2; null otherwise). Everything the driver needs from a pass.
 */
record ViewSums(Matrix cross, Matrix gram, Matrix graphEnergy) implements Serializable {

  /** A block's sums for every view; with every view's whole H given, the graph energies too. */
  static ViewSums[] of(SampleBlock b, DataMatrix[] y, Matrix[] allH) {
    ViewSums[] out = new ViewSums[b.views()];
    for (int v = 0; v < out.length; v++) {
      Matrix h = b.h()[v];
      out[v] = new ViewSums(y[v].timesTranspose(h), h.timesTranspose(h),
          allH == null ? null : GraphTerm.energy(b, v, allH[v]));
    }
    return out;
  }

  /** Adds {@code other}'s sums into {@code into}'s, view by view; returns into (a {@link io.sparkdmf.core.engine.UpdatableBlocks.Merge}). */
  static ViewSums[] addAll(ViewSums[] into, ViewSums[] other) {
    for (int v = 0; v < into.length; v++) {
      into[v].cross.addScaled(1.0, other[v].cross);
      into[v].gram.addScaled(1.0, other[v].gram);
      if (into[v].graphEnergy != null) {
        into[v].graphEnergy.addScaled(1.0, other[v].graphEnergy);
      }
    }
    return into;
  }
}
