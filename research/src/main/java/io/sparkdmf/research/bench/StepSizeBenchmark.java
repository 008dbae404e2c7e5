package io.sparkdmf.research.bench;

import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.metrics.Metrics;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.optim.Adam;
import io.sparkdmf.core.optim.GroupRmsProp;
import io.sparkdmf.core.optim.Optimizer;
import io.sparkdmf.core.optim.SharpnessAwareStep;
import io.sparkdmf.core.train.DivergenceException;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingListener;
import io.sparkdmf.core.train.TrainingResult;
import io.sparkdmf.data.CompletionProblem;
import io.sparkdmf.data.SyntheticCompletion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dmf bench stepsize}: the sharpness-aware step against group RMSprop and Adam on the
 * implicit-regularization task (rank 5, 100 x 100, depth 3, gaussian init), each seed's runs one
 * after the other in the same JVM on one thread: steps and seconds to the train MSE threshold and the
 * reconstruction error reached.
 */
@Command(name = "stepsize", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Benchmark: the sharpness-aware step (--optimizer sharpness) against group RMSprop and Adam,"
        + " steps and seconds to a train MSE and the reconstruction error reached.")
public final class StepSizeBenchmark implements Callable<Integer> {

  @Option(names = "--observed", defaultValue = "2000", description = "Observed entries (default: ${DEFAULT-VALUE}).")
  int observed;

  @Option(names = "--depth", defaultValue = "3", description = "Depth (default: ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--init-scale", defaultValue = "1e-3", description = "Init scale (default: ${DEFAULT-VALUE}).")
  double initScale;

  @Option(names = "--seeds", defaultValue = "3", description = "Seeds 0..k-1 (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--train-threshold", defaultValue = "1e-6", description = "Target train MSE (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--max-steps", defaultValue = "200000", description = "Most steps per run (default: ${DEFAULT-VALUE}).")
  int maxSteps;

  @Option(names = "--lr", defaultValue = "1e-3", description = "Group RMSprop and Adam learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--fraction", defaultValue = "0.5", description = "Sharpness-aware step: fraction of 2/lambda_max (default: ${DEFAULT-VALUE}).")
  double fraction;

  @Option(names = "--every", defaultValue = "20", description = "Sharpness-aware step: steps between estimates (default: ${DEFAULT-VALUE}).")
  int every;

  @Option(names = "--max-step", defaultValue = "10", description = "Sharpness-aware step: largest step (default: ${DEFAULT-VALUE}).")
  double maxStep;

  private record Method(String name, Supplier<Optimizer> optimizer) {}

  private record Row(String method, long seed, int steps, double seconds, double trainMse, double error, String end) {}

  @Override
  public Integer call() {
    List<Method> methods = List.of(
        new Method("grouprmsprop lr " + learningRate, () -> new GroupRmsProp(learningRate)),
        new Method("adam lr " + learningRate, () -> new Adam(learningRate)),
        new Method(String.format(Locale.ROOT, "sharpness %s x 2/lambda every %d", fraction, every),
            () -> new SharpnessAwareStep(fraction, every, maxStep)));
    List<Row> rows = new ArrayList<>();
    for (long seed = 0; seed < seeds; seed++) {
      CompletionProblem problem = new SyntheticCompletion(100, 100, 5, observed, 0, seed).generate();
      for (Method method : methods) {
        Row row = run(method, problem, seed);
        rows.add(row);
        System.out.printf(Locale.ROOT, "seed %d %-36s steps %7d  %7.2f s  train MSE %.2e  error %.3e  (%s)%n",
            seed, row.method(), row.steps(), row.seconds(), row.trainMse(), row.error(), row.end());
      }
    }
    System.out.println();
    System.out.println("| method | median steps | median seconds | median reconstruction error | reached the threshold |");
    System.out.println("| --- | --- | --- | --- | --- |");
    for (Method method : methods) {
      List<Row> mine = rows.stream().filter(r -> r.method().equals(method.name())).toList();
      System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.3e | %d of %d |%n", method.name(),
          Metrics.median(mine.stream().mapToDouble(Row::steps).toArray()),
          Metrics.median(mine.stream().mapToDouble(Row::seconds).toArray()),
          Metrics.median(mine.stream().mapToDouble(Row::error).toArray()),
          mine.stream().filter(r -> r.end().equals("train_threshold")).count(), mine.size());
    }
    System.out.printf(Locale.ROOT, "%ncommand: deploy/dmf bench stepsize --observed %d --depth %d --init-scale %s"
        + " --seeds %d --train-threshold %s --max-steps %d --lr %s --fraction %s --every %d --max-step %s%n",
        observed, depth, initScale, seeds, threshold, maxSteps, learningRate, fraction, every, maxStep);
    return 0;
  }

  private Row run(Method method, CompletionProblem problem, long seed) {
    DeepFactorization model = Initialization.GAUSSIAN.create(FactorShapes.fullWidth(100, 100, depth), initScale, seed);
    long start = System.nanoTime();
    try (CompletionObjective objective = CompletionObjective.local(List.of(problem.train()), 1)) {
      TrainingResult result = new Trainer(new StoppingRule(maxSteps, threshold), TrainingListener.NONE)
          .train(model, objective, method.optimizer().get());
      return new Row(method.name(), seed, result.steps(), (System.nanoTime() - start) / 1e9, result.trainLoss(),
          Metrics.reconstructionError(model, problem.truth().orElseThrow()),
          result.reason().name().toLowerCase(Locale.ROOT));
    } catch (DivergenceException e) {
      return new Row(method.name(), seed, e.lastFiniteStep(), (System.nanoTime() - start) / 1e9, Double.NaN,
          Metrics.reconstructionError(model, problem.truth().orElseThrow()), "diverged");
    }
  }
}
