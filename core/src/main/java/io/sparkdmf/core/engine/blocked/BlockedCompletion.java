package io.sparkdmf.core.engine.blocked;

import io.sparkdmf.core.checkpoint.CheckpointStore;
import io.sparkdmf.core.checkpoint.StateFile;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.engine.OrderedAggregation;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.objective.FactorGradients;
import io.sparkdmf.core.optim.ElementwiseUpdate;
import io.sparkdmf.core.optim.Optimizer;
import io.sparkdmf.core.penalty.FactorPenalty;
import io.sparkdmf.core.train.ModelCheckpoint;
import io.sparkdmf.core.train.TrainingState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Matrix completion on the block engine, for factors too large to broadcast. A step:
 * <ol>
 *   <li>each row block sends u~_i = M^T u_i (one gemm per block, M = W_{N-1}...W_2) and each column
 *       block sends v_j, to exactly the grid cells whose entries use them ({@link OutBlock});</li>
 *   <li>each cell computes its residuals and the sums a_i, b_j ({@link CellResult}), O(p) per entry;</li>
 *   <li>the sums travel back; each row block forms its gradient (2/|Omega|) M A_r and its share
 *       U_r A_r^T of S = W_N^T G W_1^T (gemms), each column block (2/|Omega|) B_c;</li>
 *   <li>the driver receives only the loss, gradient norms and S (an {@link OrderedAggregation}),
 *       derives the inner factors' gradients from S, and the optimizer's elementwise update is applied
 *       inside the blocks.</li>
 * </ol>
 * Two shuffles of factor vectors per step, none of the entries (they stay cached in their cells).
 * Every merge is in a fixed order, so iterates equal those of the local engine up to rounding and
 * are identical between runs, including after executor loss or a resume.
 */
public final class BlockedCompletion implements TrainingState {
  private final JavaSparkContext sc;
  private final JavaPairRDD<Integer, GridBlock> cells;
  private final JavaPairRDD<Integer, OutBlock> rowRouting;
  private final JavaPairRDD<Integer, OutBlock> colRouting;
  /** n_i / |Omega| for every vector of every factor block, by block, for the {@link FactorPenalty}. */
  private final JavaPairRDD<Integer, double[]> rowShares;
  private final JavaPairRDD<Integer, double[]> colShares;
  private final double regParam;
  private final Optimizer optimizer;
  private final long observed;
  private final int lineageCutEvery;
  private BlockedFactors factors;
  private BlockedFactors kept;
  private PendingStep pending;
  private final List<JavaPairRDD<?, ?>> releaseAfterNextStep = new ArrayList<>();
  private int stepsSinceCut;

  /** The gradient of one step, computed by {@link #evaluate()} and consumed by {@link #step()}. */
  private record PendingStep(JavaPairRDD<Integer, CellResult> cellResults,
      JavaPairRDD<Integer, GradientBlock> rowGradients, JavaPairRDD<Integer, GradientBlock> colGradients,
      StepSummary summary) {}

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
    this.observed = observed;
    this.lineageCutEvery = lineageCutEvery;
    this.cells = entries
        .flatMapToPair(block -> splitByCell(block, layout).iterator())
        .groupByKey(layout.cellPartitioner())
        .mapValues(pieces -> {
          List<EntryBlock> list = new ArrayList<>();
          pieces.forEach(list::add);
          return GridBlock.of(EntryBlock.concat(list));
        })
        .persist(StorageLevel.MEMORY_AND_DISK());
    this.rowRouting = routing(cells, layout, true);
    this.colRouting = routing(cells, layout, false);
    this.regParam = FactorPenalty.requireValidWeight(regParam);
    this.rowShares = shares(cells, layout, observed, initial.rows(), true);
    this.colShares = shares(cells, layout, observed, initial.cols(), false);
    this.factors = BlockedFactors.distribute(sc, initial, layout, optimizer.slotCount());
  }

  private static List<Tuple2<Integer, EntryBlock>> splitByCell(EntryBlock block, BlockLayout layout) {
    Map<Integer, List<Integer>> byCell = new HashMap<>();
    for (int e = 0; e < block.size(); e++) {
      int cell = layout.cell(layout.rowBlock(block.row(e)), layout.colBlock(block.col(e)));
      byCell.computeIfAbsent(cell, c -> new ArrayList<>()).add(e);
    }
    List<Tuple2<Integer, EntryBlock>> pieces = new ArrayList<>(byCell.size());
    byCell.forEach((cell, members) -> {
      int[] r = new int[members.size()];
      int[] c = new int[members.size()];
      double[] v = new double[members.size()];
      for (int k = 0; k < r.length; k++) {
        int e = members.get(k);
        r[k] = block.row(e);
        c[k] = block.col(e);
        v[k] = block.value(e);
      }
      pieces.add(new Tuple2<>(cell, new EntryBlock(r, c, v)));
    });
    return pieces;
  }

  /** For every factor block, which of its vectors each grid cell needs (position of id i is i / blocks). */
  private static JavaPairRDD<Integer, OutBlock> routing(JavaPairRDD<Integer, GridBlock> cells, BlockLayout layout,
      boolean rowSide) {
    int blocks = rowSide ? layout.rowBlocks() : layout.colBlocks();
    return cells
        .mapToPair(t -> {
          int block = rowSide ? t._1 / layout.colBlocks() : t._1 % layout.colBlocks();
          int[] ids = rowSide ? t._2.rowIds() : t._2.colIds();
          int[] positions = new int[ids.length];
          for (int k = 0; k < ids.length; k++) {
            positions[k] = ids[k] / blocks;
          }
          return new Tuple2<>(block, new Tuple2<>(t._1, positions));
        })
        .groupByKey(rowSide ? layout.rowPartitioner() : layout.colPartitioner())
        .mapValues(targets -> {
          List<Tuple2<Integer, int[]>> list = new ArrayList<>();
          targets.forEach(list::add);
          list.sort((a, b) -> Integer.compare(a._1, b._1));
          return new OutBlock(list.stream().mapToInt(Tuple2::_1).toArray(),
              list.stream().map(Tuple2::_2).toArray(int[][]::new));
        })
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** Each factor block's n_i / |Omega|, by position, from the entry counts of every cell. */
  private static JavaPairRDD<Integer, double[]> shares(JavaPairRDD<Integer, GridBlock> cells, BlockLayout layout,
      long observed, int ids, boolean rowSide) {
    int blocks = rowSide ? layout.rowBlocks() : layout.colBlocks();
    return cells
        .mapToPair(t -> {
          int[] cellIds = rowSide ? t._2.rowIds() : t._2.colIds();
          double[] counts = new double[cellIds.length];
          for (int local : rowSide ? t._2.localRow() : t._2.localCol()) {
            counts[local]++;
          }
          int block = rowSide ? t._1 / layout.colBlocks() : t._1 % layout.colBlocks();
          return new Tuple2<>(block, new PartialSums(t._1, cellIds, new Matrix(1, cellIds.length, counts)));
        })
        .groupByKey(rowSide ? layout.rowPartitioner() : layout.colPartitioner())
        .mapToPair(t -> {
          double[] share = PartialSums.total(list(t._2), 1, (ids - t._1 + blocks - 1) / blocks, blocks).data();
          for (int k = 0; k < share.length; k++) {
            share[k] /= observed;
          }
          return new Tuple2<>(t._1, share);
        })
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  @Override
  public double evaluate() {
    BlockLayout layout = factors.layout();
    Matrix inner = factors.innerProduct();
    double scale = 2.0 / observed;
    JavaPairRDD<Integer, Matrix> rowMessages = messages(factors.rowBlocks, rowRouting, inner);
    JavaPairRDD<Integer, Matrix> colMessages = messages(factors.colBlocks, colRouting, null);
    JavaPairRDD<Integer, CellResult> cellResults = cells
        .cogroup(rowMessages, colMessages, layout.cellPartitioner())
        .flatMapToPair(t -> {
          var entries = t._2._1().iterator();
          if (!entries.hasNext()) {
            return List.<Tuple2<Integer, CellResult>>of().iterator();
          }
          CellResult result = CellKernel.compute(t._1, entries.next(), t._2._2().iterator().next(),
              t._2._3().iterator().next());
          return List.of(new Tuple2<>(t._1, result)).iterator();
        })
        .persist(StorageLevel.MEMORY_AND_DISK());
    double lambda = regParam;
    JavaPairRDD<Integer, GradientBlock> rowGradients = factors.rowBlocks
        .cogroup(cellResults.mapToPair(t -> new Tuple2<>(t._1 / layout.colBlocks(),
            new PartialSums(t._1, t._2.rowIds(), t._2.rowSums()))), rowShares, layout.rowPartitioner())
        .mapValues(t -> {
          FactorBlock block = t._1().iterator().next();
          Matrix sums = PartialSums.total(list(t._2()), inner == null ? block.width() : inner.cols(),
              block.ids().length, layout.rowBlocks());
          Matrix gradient = inner == null ? sums.copy() : inner.times(sums);
          gradient.scale(scale);
          penalize(gradient, block, t._3(), lambda);
          Matrix share = null; // depth 2 has no inner factors, so S is not needed
          if (inner != null) {
            share = block.vectors().timesTranspose(sums);
            share.scale(scale);
          }
          return new GradientBlock(block, gradient, share);
        })
        .persist(StorageLevel.MEMORY_AND_DISK());
    JavaPairRDD<Integer, GradientBlock> colGradients = factors.colBlocks
        .cogroup(cellResults.mapToPair(t -> new Tuple2<>(t._1 % layout.colBlocks(),
            new PartialSums(t._1, t._2.colIds(), t._2.colSums()))), colShares, layout.colPartitioner())
        .mapValues(t -> {
          FactorBlock block = t._1().iterator().next();
          Matrix gradient = PartialSums.total(list(t._2()), block.width(), block.ids().length, layout.colBlocks());
          gradient.scale(scale);
          penalize(gradient, block, t._3(), lambda);
          return new GradientBlock(block, gradient, null);
        })
        .persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<StepSummary> partials = cellResults.values()
        .mapPartitions(results -> {
          double squares = 0;
          while (results.hasNext()) {
            squares += results.next().squaredResiduals();
          }
          return List.of(new StepSummary(squares, 0, 0, null)).iterator();
        })
        .union(rowGradients.values().mapPartitions(blocks -> {
          StepSummary sum = StepSummary.ZERO;
          while (blocks.hasNext()) {
            GradientBlock g = blocks.next();
            sum = sum.plus(new StepSummary(0, g.gradient().frobeniusNormSquared(), 0, g.innerShare()));
          }
          return List.of(sum).iterator();
        }))
        .union(colGradients.values().mapPartitions(blocks -> {
          double norm = 0;
          while (blocks.hasNext()) {
            norm += blocks.next().gradient().frobeniusNormSquared();
          }
          return List.of(new StepSummary(0, 0, norm, null)).iterator();
        }));
    StepSummary summary = OrderedAggregation.merge(partials, StepSummary::plus);
    releaseAfterNextStep.forEach(rdd -> rdd.unpersist(false));
    releaseAfterNextStep.clear();
    pending = new PendingStep(cellResults, rowGradients, colGradients, summary);
    return summary.squaredResiduals() / observed;
  }

  /** Adds the {@link FactorPenalty}'s gradient for the block's vectors (rows of W_N or columns of W_1). */
  private static void penalize(Matrix gradient, FactorBlock block, Iterable<double[]> shares, double lambda) {
    if (lambda > 0) {
      FactorPenalty.addWeightedColumns(gradient, block.vectors(), shares.iterator().next(), lambda);
    }
  }

  private static <T> List<T> list(Iterable<T> values) {
    List<T> list = new ArrayList<>();
    values.forEach(list::add);
    return list;
  }

  /** Each block's vectors (projected by M^T when given) for every cell that needs them. */
  private static JavaPairRDD<Integer, Matrix> messages(JavaPairRDD<Integer, FactorBlock> blocks,
      JavaPairRDD<Integer, OutBlock> routing, Matrix project) {
    return blocks.join(routing).values().flatMapToPair(t -> {
      Matrix vectors = project == null ? t._1.vectors() : project.transposeTimes(t._1.vectors());
      OutBlock route = t._2;
      List<Tuple2<Integer, Matrix>> out = new ArrayList<>(route.cells().length);
      for (int k = 0; k < route.cells().length; k++) {
        out.add(new Tuple2<>(route.cells()[k], FactorBlock.gather(vectors, route.positions()[k])));
      }
      return out.iterator();
    });
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
    releaseAfterNextStep.add(pending.cellResults());
    releaseAfterNextStep.add(pending.rowGradients());
    releaseAfterNextStep.add(pending.colGradients());
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
    pending = null;
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
    releaseAfterNextStep.forEach(rdd -> rdd.unpersist(false));
    cells.unpersist(false);
    rowRouting.unpersist(false);
    colRouting.unpersist(false);
    rowShares.unpersist(false);
    colShares.unpersist(false);
  }

  /** The engine's name in metrics.json. */
  public static final String ENGINE_NAME = "blocked";

}
