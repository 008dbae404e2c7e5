package io.sparkdmf.core.sensing;

import io.sparkdmf.core.engine.DistributedBlocks;
import io.sparkdmf.core.engine.LocalBlocks;
import io.sparkdmf.core.engine.SparkBlocks;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.objective.Evaluation;
import io.sparkdmf.core.objective.FactorGradients;
import io.sparkdmf.core.objective.BlockObjective;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;

/**
 * The sensing loss L = (1/K) sum_k (<A_k, W> - y_k)^2 (docs/maths.md §2). Partitions return the
 * dense end-to-end gradient G = (2/K) sum_k r_k A_k; the driver forms G V^T and U^T G with two gemms
 * and {@link FactorGradients} does the rest, exactly as for completion.
 */
public final class SensingObjective extends BlockObjective<MeasurementBlock> {
  public SensingObjective(DistributedBlocks<MeasurementBlock> measurements, long size) {
    super(measurements, size);
  }

  public static SensingObjective local(List<MeasurementBlock> blocks, int threads) {
    return new SensingObjective(new LocalBlocks<>(blocks, threads),
        blocks.stream().mapToLong(MeasurementBlock::size).sum());
  }

  public static SensingObjective spark(JavaRDD<MeasurementBlock> blocks, long size) {
    return new SensingObjective(new SparkBlocks<>(blocks), size);
  }

  @Override
  public double meanSquaredError(DeepFactorization model) {
    return blocks.aggregate(model.endToEnd(), new SensingKernel(false)).meanSquaredResidual();
  }

  @Override
  public Evaluation evaluate(DeepFactorization model) {
    return evaluate(model, w -> blocks.aggregate(w, new SensingKernel(true)));
  }

  /**
   * The loss and factor gradients at {@code model}, given a pass over the measurements that returns
   * the residual and gradient sums at an end-to-end matrix W (however and wherever it is computed).
   */
  static Evaluation evaluate(DeepFactorization model, Function<Matrix, SensingPartial> pass) {
    List<Matrix> prefixes = model.prefixProducts();
    Matrix w = model.endToEnd(prefixes);
    SensingPartial partial = pass.apply(w);
    long count = partial.measurements();
    Matrix g = new Matrix(model.rows(), model.cols(), partial.gradient());
    g.scale(2.0 / count);
    return new Evaluation(partial.squaredResidualSum() / count,
        FactorGradients.fromEndToEnd(model, prefixes, g));
  }
}
