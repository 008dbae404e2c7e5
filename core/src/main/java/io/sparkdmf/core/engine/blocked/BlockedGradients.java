package io.sparkdmf.core.engine.blocked;

import io.sparkdmf.core.engine.OrderedAggregation;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.penalty.FactorPenalty;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * One gradient pass of the block engine at the current factors: the cells' residual sums
 * ({@link CellKernel}), each factor block's gradient, and on the driver only the loss, the gradient
 * norms and S ({@link StepSummary}). The RDDs stay cached until the step that consumes them is done.
 */
record BlockedGradients(JavaPairRDD<Integer, CellResult> cellResults,
    JavaPairRDD<Integer, GradientBlock> rowGradients, JavaPairRDD<Integer, GradientBlock> colGradients,
    StepSummary summary) {

  /** @param regParam lambda of the {@link FactorPenalty} (0: none) */
  static BlockedGradients compute(GridEntries grid, BlockedFactors factors, double regParam) {
    BlockLayout layout = factors.layout();
    Matrix inner = factors.innerProduct();
    double scale = 2.0 / grid.observed;
    JavaPairRDD<Integer, Matrix> rowMessages = messages(factors.rowBlocks, grid.outBlocks(GridSide.ROWS), inner);
    JavaPairRDD<Integer, Matrix> colMessages = messages(factors.colBlocks, grid.outBlocks(GridSide.COLUMNS), null);
    JavaPairRDD<Integer, CellResult> cellResults = grid.cells
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
    JavaPairRDD<Integer, GradientBlock> rowGradients = factors.rowBlocks
        .cogroup(cellResults.mapToPair(t -> new Tuple2<>(GridSide.ROWS.blockOf(t._1, layout),
            new PartialSums(t._1, t._2.rowIds(), t._2.rowSums()))), grid.shares(GridSide.ROWS),
            layout.rowPartitioner())
        .mapValues(t -> {
          FactorBlock block = t._1().iterator().next();
          Matrix sums = PartialSums.total(GridEntries.list(t._2()), inner == null ? block.width() : inner.cols(),
              block.ids().length, layout.rowBlocks());
          Matrix gradient = inner == null ? sums.copy() : inner.times(sums);
          gradient.scale(scale);
          penalize(gradient, block, t._3(), regParam);
          Matrix share = null; // depth 2 has no inner factors, so S is not needed
          if (inner != null) {
            share = block.vectors().timesTranspose(sums);
            share.scale(scale);
          }
          return new GradientBlock(block, gradient, share);
        })
        .persist(StorageLevel.MEMORY_AND_DISK());
    JavaPairRDD<Integer, GradientBlock> colGradients = factors.colBlocks
        .cogroup(cellResults.mapToPair(t -> new Tuple2<>(GridSide.COLUMNS.blockOf(t._1, layout),
            new PartialSums(t._1, t._2.colIds(), t._2.colSums()))), grid.shares(GridSide.COLUMNS),
            layout.colPartitioner())
        .mapValues(t -> {
          FactorBlock block = t._1().iterator().next();
          Matrix gradient = PartialSums.total(GridEntries.list(t._2()), block.width(), block.ids().length,
              layout.colBlocks());
          gradient.scale(scale);
          penalize(gradient, block, t._3(), regParam);
          return new GradientBlock(block, gradient, null);
        })
        .persist(StorageLevel.MEMORY_AND_DISK());
    return new BlockedGradients(cellResults, rowGradients, colGradients,
        OrderedAggregation.merge(summaries(cellResults, rowGradients, colGradients), StepSummary::plus));
  }

  /** The partition summaries: squared residuals from the cells, norms and S from the factor blocks. */
  private static JavaRDD<StepSummary> summaries(JavaPairRDD<Integer, CellResult> cellResults,
      JavaPairRDD<Integer, GradientBlock> rowGradients, JavaPairRDD<Integer, GradientBlock> colGradients) {
    return cellResults.values()
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
  }

  /** Adds the {@link FactorPenalty}'s gradient for the block's vectors (rows of W_N or columns of W_1). */
  private static void penalize(Matrix gradient, FactorBlock block, Iterable<double[]> shares, double lambda) {
    if (lambda > 0) {
      FactorPenalty.addWeightedColumns(gradient, block.vectors(), shares.iterator().next(), lambda);
    }
  }

  /** Each block's vectors (projected by M^T when given) for every cell that needs them. */
  private static JavaPairRDD<Integer, Matrix> messages(JavaPairRDD<Integer, FactorBlock> blocks,
      JavaPairRDD<Integer, OutBlock> outBlocks, Matrix project) {
    return blocks.join(outBlocks).values().flatMapToPair(t -> {
      Matrix vectors = project == null ? t._1.vectors() : project.transposeTimes(t._1.vectors());
      OutBlock route = t._2;
      List<Tuple2<Integer, Matrix>> out = new ArrayList<>(route.cells().length);
      for (int k = 0; k < route.cells().length; k++) {
        out.add(new Tuple2<>(route.cells()[k], FactorBlock.gather(vectors, route.positions()[k])));
      }
      return out.iterator();
    });
  }

  /** Drops the cached RDDs; call once the factors they fed into are persisted. */
  void release() {
    cellResults.unpersist(false);
    rowGradients.unpersist(false);
    colGradients.unpersist(false);
  }
}
