package io.sparkdmf.core.engine.blocked;

import io.sparkdmf.core.checkpoint.CheckpointStore;
import io.sparkdmf.core.checkpoint.StateFile;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.objective.FactorGradients;
import io.sparkdmf.core.optim.ElementwiseUpdate;
import io.sparkdmf.core.optim.Optimizer;
import io.sparkdmf.core.penalty.FactorPenalty;
import io.sparkdmf.core.train.ModelCheckpoint;
import io.sparkdmf.core.train.TrainingState;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Matrix completion on the block engine, for factors too large to broadcast. A step:
 * <ol>
 *   <li>each row block sends u~_i = M^T u_i (one gemm per block, M = W_{N-1}...W_2) and each column
 *       block sends v_j, to exactly the grid cells whose entries use them ({@link OutBlock});</li>
 *   <li>each cell computes its residuals and the sums a_i, b_j ({@link CellKernel}), O(p) per entry;</li>
 *   <li>the sums travel back; each row block forms its gradient (2/|Omega|) M A_r and its share
 *       U_r A_r^T of S = W_N^T G W_1^T (gemms), each column block (2/|Omega|) B_c;</li>
 *   <li>the driver receives only the loss, gradient norms and S (an {@link OrderedAggregation}),
 *       derives the inner factors' gradients from S, and the optimizer's elementwise update is applied
 *       inside the blocks.</li>
 * </ol>
 * Two shuffles of factor vectors per step, none of the entries (they stay cached in their cells,
 * {@link GridEntries}). A pass is a {@link BlockedGradients}; this class holds the training state: the
 * factors, the kept point, the optimizer, checkpoints and the factors' lineage.
 * Every merge is in a fixed order, so iterates equal those of the local engine up to rounding and
 * are identical between runs, including after executor loss or a resume.
 */
public final class BlockedCompletion implements TrainingState {
  private final JavaSparkContext sc;
  private final GridEntries grid;
  private final double regParam;
  private final Optimizer optimizer;
  private final int lineageCutEvery;
  private BlockedFactors factors;
  private BlockedFactors kept;
  private BlockedGradients pending;
  /** The last step's pass, cached until the factors it produced are computed from it. */
  private BlockedGradients consumed;
  private int stepsSinceCut;

  /**
   * @param entries the observed entries, any partitioning
   * @param initial the starting point (depth at least 2), cut into blocks by {@code layout}
   * @param lineageCutEvery steps between local checkpoints of the factor RDDs, which keep their
   *     lineage (and Spark's planning time and stack depth) bounded in runs without a checkpoint store
   * @param regParam lambda of the {@link FactorPenalty} (0: none)
   */
  public BlockedCompletion(JavaRDD<EntryBlock> entries, long observed, DeepFactorization initial,
      Optimizer optimizer, BlockLayout layout, int lineageCutEvery, double regParam) {
    if (optimizer.needsSharpness()) {
      throw new IllegalArgumentException(
          "the sharpness-aware step needs the model on the driver: use the local or spark engine");
    }
    this.sc = JavaSparkContext.fromSparkContext(entries.context());
    this.optimizer = optimizer;
    this.lineageCutEvery = lineageCutEvery;
    this.regParam = FactorPenalty.requireValidWeight(regParam);
    this.grid = new GridEntries(entries, observed, layout, initial.rows(), initial.cols());
    this.factors = BlockedFactors.distribute(sc, initial, layout, optimizer.slotCount());
  }

  @Override
  public double evaluate() {
    BlockedGradients unused = pending; // evaluated again without a step in between
    pending = BlockedGradients.compute(grid, factors, regParam);
    if (unused != null) {
      unused.release();
    }
    if (consumed != null) {
      consumed.release();
      consumed = null;
    }
    return pending.summary().squaredResiduals() / grid.observed;
  }

  @Override
  public void step() {
    StepSummary summary = pending.summary();
    List<Matrix> innerGradients = innerGradients(summary.inner());
    double norm = summary.rowGradientNorm() + summary.colGradientNorm();
    for (Matrix g : innerGradients) {
      norm += g.frobeniusNormSquared();
    }
    ElementwiseUpdate update = optimizer.next(norm);
    List<Matrix> inner = new ArrayList<>();
    factors.inner.forEach(w -> inner.add(w.copy()));
    optimizer.apply(update, inner, innerGradients);
    BlockedFactors next = factors.with(pending.rowGradients().mapValues(g -> g.updated(update)),
        pending.colGradients().mapValues(g -> g.updated(update)), inner).persisted();
    if (++stepsSinceCut >= lineageCutEvery) {
      next.cutLineage();
      stepsSinceCut = 0;
    }
    if (consumed != null) {
      consumed.release();
    }
    consumed = pending;
    pending = null;
    factors = next;
  }

  /** dL/dW_k for the inner factors, from S = (2/|Omega|) W_N^T R W_1^T as if S were their end-to-end gradient. */
  private List<Matrix> innerGradients(Matrix s) {
    if (factors.inner.isEmpty()) {
      return List.of();
    }
    DeepFactorization innerModel = new DeepFactorization(factors.inner);
    List<Matrix> gradients = FactorGradients.fromEndToEnd(innerModel, innerModel.prefixProducts(), s);
    for (int k = 0; k < gradients.size(); k++) {
      gradients.get(k).addScaled(2 * regParam, factors.inner.get(k));
    }
    return gradients;
  }

  @Override
  public void keep() {
    if (kept != null && kept != factors) {
      kept.unpersist();
    }
    kept = factors;
  }

  @Override
  public void restoreKept() {
    factors = kept;
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }

  @Override
  public DeepFactorization model() {
    return factors.gather();
  }

  @Override
  public boolean modelOnDriver() {
    return false;
  }

  @Override
  public void writeCheckpoint(CheckpointStore store, int step) {
    store.write(step, directory -> {
      StateFile state = new StateFile();
      ModelCheckpoint.putFactors(state, factors.inner);
      ModelCheckpoint.putOptimizer(state, optimizer);
      try (var out = directory.file(ModelCheckpoint.DRIVER_STATE)) {
        state.write(out);
      }
      factors.save(directory);
    });
    replaceFactors(factors.reload(sc, store, step, factors.inner));
  }

  @Override
  public void readCheckpoint(CheckpointStore store, int step) {
    StateFile state = store.readState(step, ModelCheckpoint.DRIVER_STATE);
    List<Matrix> inner = ModelCheckpoint.factors(state, factors.inner);
    ModelCheckpoint.restoreOptimizer(state, optimizer, inner);
    replaceFactors(factors.reload(sc, store, step, inner));
  }

  private void replaceFactors(BlockedFactors reloaded) {
    if (kept != factors) {
      factors.unpersist();
    }
    factors = reloaded;
    stepsSinceCut = 0;
  }

  @Override
  public void close() {
    factors.unpersist();
    if (kept != null) {
      kept.unpersist();
    }
    if (consumed != null) {
      consumed.release();
    }
    if (pending != null) {
      pending.release();
    }
    grid.close();
  }

  /** The engine's name in metrics.json. */
  public static final String ENGINE_NAME = "blocked";

}
