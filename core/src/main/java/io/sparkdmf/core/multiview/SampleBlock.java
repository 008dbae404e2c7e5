package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.DataMatrix;
import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;

/**
 * A slice of the samples with everything that belongs to them: for each view its features
 * {@code x[v]} (d_v x n_p, samples as columns, dense or sparse), the input of the layer being fitted {@code input[v]}
 * (X itself, or the coefficients of the layer above during pretraining), that layer's non-negative
 * coefficients {@code h[v]} (l x n_p), the consensus partition's columns (k x n_p, after fusion), and
 * optionally each view's neighbour lists {@code neighbours[v][s]} (global sample indices of the
 * {@link NeighbourGraph} neighbours of the block's sample s).
 * A partition owns its columns: every update of them happens here; only small matrices leave.
 */
public record SampleBlock(int first, DataMatrix[] x, DataMatrix[] input, Matrix[] h, Matrix consensus,
    int[][][] neighbours)
    implements Serializable {

  public int size() {
    return x[0].cols();
  }

  public int views() {
    return x.length;
  }

  public SampleBlock withLayer(DataMatrix[] newInput, Matrix[] newH) {
    return new SampleBlock(first, x, newInput, newH, consensus, neighbours);
  }

  public SampleBlock withH(Matrix[] newH) {
    return new SampleBlock(first, x, input, newH, consensus, neighbours);
  }

  public SampleBlock withConsensus(Matrix newConsensus) {
    return new SampleBlock(first, x, input, h, newConsensus, neighbours);
  }
}
