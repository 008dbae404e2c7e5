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
import picocli.CommandLine.Option;

/** {@code dmf sense}: recovers a matrix from Gaussian linear measurements with a deep factorization. */
@Command(
    name = "sense",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Matrix sensing with a deep factorization W = W_N ... W_1 trained from small initialization,",
        "on measurements y_k = <A_k, W*> read from files or generated (the reference Gaussian task).",
        "Same training options and outputs as complete."})
final class SenseJob implements Callable<Integer> {

  @Option(names = "--input", paramLabel = "PATH",
      description = "Measurement file(s): one measurement per line, the value y_k and then the m n entries of"
          + " A_k in column-major order (comma, tab or space separated); a file, directory or glob.")
  String input;

  @Option(names = "--test", paramLabel = "PATH", description = "Held-out measurements (same format) for test RMSE.")
  String testInput;

  @Option(names = "--header", description = "The measurement files start with a header line.")
  boolean header;

  @Option(names = "--rows", description = "Number of rows m (required with --input).")
  Integer rows;

  @Option(names = "--cols", description = "Number of columns n (required with --input).")
  Integer cols;

  @Option(names = "--synthetic", paramLabel = "SPEC",
      description = "The reference task, e.g. n=100,rank=5,measurements=2000,seed=0"
          + " (optional m= for m x n, test= for held-out measurements).")
  String synthetic;

  @Mixin ModelOptions model;
  @Mixin TrainingOptions training;
  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    if ((input == null) == (synthetic == null)) {
      throw new IllegalArgumentException("give exactly one of --input PATH or --synthetic SPEC");
    }
    return new TrainingRun("sense", model, training, output).run(this::load);
  }

  private TrainingTask load(JavaSparkContext sc, int parallelism) {
    SensingProblem problem = synthetic != null ? SyntheticSensing.parse(synthetic).generate() : read(sc);
    Objective test = problem.test().isEmpty() ? null
        : distribute(problem.test(), problem.testSize(), sc, parallelism);
    return new TrainingTask(problem.rows(), problem.cols(),
        TrainData.of(distribute(problem.train(), problem.trainSize(), sc, parallelism)), test, problem.truth(),
        "measurements", TrainingTask.ExtraOutput.NONE);
  }

  private SensingProblem read(JavaSparkContext sc) {
    if (rows == null || cols == null) {
      throw new IllegalArgumentException("--input needs the matrix size: --rows and --cols");
    }
    MeasurementFileReader reader = new MeasurementFileReader(sc, rows, cols, header);
    return new SensingProblem(rows, cols, reader.read(input),
        testInput == null ? List.of() : reader.read(testInput), Optional.empty());
  }

  private Objective distribute(List<MeasurementBlock> blocks, long size, JavaSparkContext sc, int parallelism) {
    // A measurement costs m n multiply-adds, an entry about 3 d: weigh the thread count accordingly.
    long work = size * blocks.get(0).operators().rows() / 100;
    return training.engine.choose(size, 0,
        () -> SensingObjective.local(blocks, EngineChoice.localThreads(work, parallelism)),
        () -> SensingObjective.spark(sc.parallelize(blocks, parallelism), size), null);
  }
}
