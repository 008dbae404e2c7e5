package io.sparkdmf.jobs;

import io.sparkdmf.core.train.TrainData;
import io.sparkdmf.core.engine.EngineChoice;
import io.sparkdmf.core.sensing.MeasurementBlock;
import io.sparkdmf.core.sensing.SensingObjective;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.data.MeasurementFileReader;
import io.sparkdmf.data.SensingProblem;
import io.sparkdmf.data.SyntheticSensing;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dmf sense}: recovers a matrix from Gaussian linear measurements with a deep factorization. */
@Command(
    name = "sense",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Matrix sensing with a deep factorization W = W_N ... W_1 trained from small initialization,"
            + " on measurements y_k = <A_k, W*>.",
        "--input: measurement files, one per line: y_k, then the m n entries of A_k in column-major order"
            + " (comma, tab or space separated); --rows and --cols are required.",
        "--synthetic: the reference Gaussian task, e.g. n=100,rank=5,measurements=2000,seed=0 (optional m="
            + " for m x n, test= for held-out measurements).",
        "Same training options and outputs as complete."})
final class SenseJob implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin ModelOptions model;
  @Mixin TrainingOptions training;
  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    return new TrainingRun("sense", model, training, output).run(this::load);
  }

  private TrainingTask load(JavaSparkContext sc, int parallelism) {
    SensingProblem problem = data.synthetic() ? SyntheticSensing.parse(data.synthetic).generate() : read(sc);
    Objective test = problem.test().isEmpty() ? null
        : distribute(problem.test(), problem.testSize(), sc, parallelism);
    return new TrainingTask(problem.rows(), problem.cols(),
        TrainData.of(distribute(problem.train(), problem.trainSize(), sc, parallelism)), test, problem.truth(),
        "measurements", TrainingTask.ExtraOutput.NONE);
  }

  private SensingProblem read(JavaSparkContext sc) {
    if (data.rows == null || data.cols == null) {
      throw new IllegalArgumentException("--input needs the matrix size: --rows and --cols");
    }
    MeasurementFileReader reader = new MeasurementFileReader(sc, data.rows, data.cols, data.header);
    return new SensingProblem(data.rows, data.cols, reader.read(data.input),
        data.testInput == null ? List.of() : reader.read(data.testInput), Optional.empty());
  }

  private Objective distribute(List<MeasurementBlock> blocks, long size, JavaSparkContext sc, int parallelism) {
    // A measurement costs m n multiply-adds, an entry about 3 d: weigh the thread count accordingly.
    long work = size * blocks.get(0).operators().rows() / 100;
    return training.engine.choose(size, 0,
        () -> SensingObjective.local(blocks, EngineChoice.localThreads(work, parallelism)),
        () -> SensingObjective.spark(sc.parallelize(blocks, parallelism), size), null);
  }
}
