package io.sparkdmf.core.fit;

import io.sparkdmf.core.bias.RatingBiases;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryDataset;
import io.sparkdmf.core.engine.completion.CompletionRouting;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.optim.Optimizer;
import io.sparkdmf.core.train.TrainData;
import io.sparkdmf.core.train.TrainingState;
import java.util.ArrayList;
import org.apache.spark.api.java.JavaRDD;

/**
 * Observed entries ready to train: the biases fitted first when the setup asks for them, the factors'
 * entries (what the biases leave) on the engine the sizes call for.
 */
public final class CompletionTrainData implements TrainData {
  private final RatingBiases biases;
  private final TrainData routed;

  private CompletionTrainData(RatingBiases biases, TrainData routed) {
    this.biases = biases;
    this.routed = routed;
  }

  /**
   * The local engine collects the entries in their blocks' order; the Spark engines get them in the
   * setup's number of partitions (repartitioned only when that differs).
   */
  public static CompletionTrainData prepare(EntryDataset entries, CompletionSetup setup) {
    int partitions = setup.parallelism().partitions();
    JavaRDD<EntryBlock> blocks = entries.blocks();
    RatingBiases biases = setup.fitsBiases()
        ? RatingBiases.fit(blocks, entries.rows(), entries.cols(), setup.biasRegParam()) : null;
    JavaRDD<EntryBlock> residuals = biases == null ? blocks : biases.residuals(blocks);
    TrainData routed = CompletionRouting.route(setup.engine(), entries.count(), entries.rows(), entries.cols(),
        setup.width(), setup.parallelism(), setup.regParam(), () -> new ArrayList<>(residuals.collect()),
        () -> residuals.getNumPartitions() == partitions ? residuals : residuals.repartition(partitions));
    return new CompletionTrainData(biases, routed);
  }

  /** The fitted biases, or null when the setup fits none. */
  public RatingBiases biases() {
    return biases;
  }

  /** What the factors should predict for held-out {@code entries}: the entries less their biases. */
  public EntryBlock factorTargets(EntryBlock entries) {
    return biases == null ? entries : biases.residuals(entries);
  }

  @Override
  public long size() {
    return routed.size();
  }

  @Override
  public String engineName() {
    return routed.engineName();
  }

  @Override
  public TrainingState start(DeepFactorization initial, Optimizer optimizer) {
    return routed.start(initial, optimizer);
  }

  @Override
  public void close() {
    routed.close();
  }
}
