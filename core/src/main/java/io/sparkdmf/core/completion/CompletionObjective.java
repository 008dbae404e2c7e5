package io.sparkdmf.core.completion;

import io.sparkdmf.core.engine.DistributedBlocks;
import io.sparkdmf.core.engine.LocalBlocks;
import io.sparkdmf.core.engine.SparkBlocks;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.objective.Evaluation;
import io.sparkdmf.core.objective.FactorGradients;
import io.sparkdmf.core.objective.BlockObjective;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaRDD;

/**
 * The completion loss L = (1/|Omega|) sum (W_ij - M_ij)^2 over observed entries (docs/maths.md §1).
 * The entries only see the panels U = W_N and V = W_{N-1}...W_1 and return the sparse products
 * G V^T and U^T G; {@link FactorGradients} finishes every factor on the driver.
 */
public final class CompletionObjective extends BlockObjective<EntryBlock> {
  private CompletionObjective(DistributedBlocks<EntryBlock> entries, long size) {
    super(entries, size);
  }

  /** Entries on the driver, evaluated by {@code threads} threads. */
  public static CompletionObjective local(List<EntryBlock> blocks, int threads) {
    return new CompletionObjective(
        new LocalBlocks<>(blocks.stream().map(EntryBlock::sortedByColumn).toList(), threads),
        blocks.stream().mapToLong(EntryBlock::size).sum());
  }

  /** Entries in an RDD, evaluated by Spark; {@code size} is their number. */
  public static CompletionObjective spark(JavaRDD<EntryBlock> blocks, long size) {
    return new CompletionObjective(new SparkBlocks<>(blocks.map(EntryBlock::sortedByColumn)), size);
  }

  /** The panels a partition needs for {@code model}, from its prefix products. */
  public static FactorPanels panels(DeepFactorization model, List<Matrix> prefixes) {
    return new FactorPanels(model.factor(model.depth()).transpose(), FactorGradients.right(model, prefixes));
  }

  public static FactorPanels panels(DeepFactorization model) {
    return panels(model, model.prefixProducts());
  }

  @Override
  public double meanSquaredError(DeepFactorization model) {
    CompletionPartial partial =
        blocks.aggregate(panels(model), new CompletionKernel(CompletionKernel.Mode.LOSS));
    return partial.squaredResidualSum() / partial.entries();
  }

  @Override
  public Evaluation evaluate(DeepFactorization model) {
    List<Matrix> prefixes = model.prefixProducts();
    FactorPanels panels = panels(model, prefixes);
    int depth = model.depth();
    CompletionPartial partial = blocks.aggregate(panels, new CompletionKernel(depth == 1
        ? CompletionKernel.Mode.ROW_GRADIENT : CompletionKernel.Mode.FULL_GRADIENT));
    long count = partial.entries();
    return new Evaluation(partial.squaredResidualSum() / count,
        factorProducts(model, prefixes, panels.inner(), partial, 2.0 / count));
  }

  /**
   * A_k^T G B_k^T for every factor, times {@code scale}, from the two sparse products a pass
   * accumulated with G = the per-entry values it summed (residuals, or dW for Gauss-Newton).
   */
  private static List<Matrix> factorProducts(DeepFactorization model, List<Matrix> prefixes, int p,
      CompletionPartial partial, double scale) {
    Matrix gvt = new Matrix(p, model.rows(), orZeros(partial.rowGradT(), p * model.rows())).transpose();
    gvt.scale(scale);
    Matrix utg = null;
    if (model.depth() > 1) {
      utg = new Matrix(p, model.cols(), orZeros(partial.colGrad(), p * model.cols()));
      utg.scale(scale);
    }
    return FactorGradients.assemble(model, prefixes, gvt, utg);
  }

  /**
   * The Gauss-Newton product Z -> J^T P_Omega J Z at a fixed {@code model}, one matrix per factor,
   * where J is the Jacobian of the product W_N ... W_1 (the Hessian of 1/2 sum_Omega (W_ij - M_ij)^2
   * at a zero-residual point). The model's own products are formed once; each application is one
   * pass over the entries, with the directional derivative dW = sum_l A_l Z_l B_l shipped as a pair of
   * panels dU dV of width sum_l d_l, so only the observed entries of dW are ever formed: term l < N
   * contributes A_l = W_N..W_{l+1} to dU and Z_l B_l to dV, term N contributes Z_N and B_N (no m x m or
   * n x n identity is built for depth > 1).
   */
  public UnaryOperator<List<Matrix>> gaussNewton(DeepFactorization model) {
    int depth = model.depth();
    List<Matrix> prefixes = model.prefixProducts();
    FactorPanels panels = panels(model, prefixes);
    List<Matrix> aboveT = new ArrayList<>(depth); // A_l^T for l = N-1 .. 1
    Matrix above = depth > 1 ? model.factor(depth) : null;
    for (int l = depth - 1; l >= 1; l--) {
      aboveT.add(above.transpose());
      if (l > 1) {
        above = above.times(model.factor(l));
      }
    }
    return z -> {
      List<Matrix> leftT = new ArrayList<>(depth);
      List<Matrix> right = new ArrayList<>(depth);
      leftT.add(z.get(depth - 1).transpose());
      right.add(panels.right());
      for (int l = depth - 1; l >= 1; l--) {
        leftT.add(aboveT.get(depth - 1 - l));
        Matrix bl = prefixes.get(l - 1);
        right.add(bl == null ? z.get(l - 1) : z.get(l - 1).times(bl));
      }
      FactorPanels direction = new FactorPanels(Matrix.stackRows(leftT), Matrix.stackRows(right));
      CompletionPartial partial = blocks.aggregate(new GaussNewtonKernel.Panels(panels, direction),
          new GaussNewtonKernel());
      return factorProducts(model, prefixes, panels.inner(), partial, 1.0);
    };
  }

  private static double[] orZeros(double[] values, int size) {
    return values == null ? new double[size] : values;
  }
}
