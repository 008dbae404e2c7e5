package io.sparkdmf.core.engine.blocked;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.optim.ElementwiseUpdate;
import java.io.Serializable;

/**
 * A factor block with its gradient in the current step and, for the row side, its share
 * S_r = U_r A_r^T of the small matrix W_N^T G W_1^T from which the inner factors' gradients follow.
 */
record GradientBlock(FactorBlock block, Matrix gradient, Matrix innerShare) implements Serializable {

  /** The block moved by {@code update}; a new block, this one is left as it was. */
  public FactorBlock updated(ElementwiseUpdate update) {
    Matrix vectors = block.vectors().copy();
    double[][] slots = new double[block.slots().length][];
    for (int s = 0; s < slots.length; s++) {
      slots[s] = block.slots()[s].clone();
    }
    update.apply(vectors.data(), gradient.data(), slots, 0, vectors.data().length);
    return new FactorBlock(block.ids(), vectors, slots);
  }
}
