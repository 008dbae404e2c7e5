package io.sparkdmf.research.bench;

import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.optim.GroupRmsProp;
import io.sparkdmf.core.sensing.MeasurementBlock;
import io.sparkdmf.core.sensing.SensingObjective;
import io.sparkdmf.core.sensing.SharedMeasurements;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingListener;
import io.sparkdmf.data.SyntheticSensing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dmf bench shared-sensing}: the sweep's sensing runs trained together on shared measurements
 * ({@link SharedMeasurements}, two gemm per block for all members, on one or two threads) against the
 * same runs trained alone (two gemv per block per run), one after the other or two at a time as the
 * sweep ran them before: milliseconds per run-step and the speed-up on two cores, by the number of runs.
 */
@Command(name = "shared-sensing", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Benchmark: sensing runs trained together on shared measurements (gemm) against runs trained"
        + " alone (gemv), ms per run-step by the number of runs.")
public final class SharedSensingBenchmark implements Callable<Integer> {

  @Option(names = "--measurements", defaultValue = "2000", description = "Measurements of the 100 x 100 matrix (default: ${DEFAULT-VALUE}).")
  int measurements;

  @Option(names = "--runs", split = ",", defaultValue = "1,2,5,10,15,30", description = "Numbers of runs (default: ${DEFAULT-VALUE}).")
  List<Integer> runCounts;

  @Option(names = "--depth", defaultValue = "3", description = "Depth of every run (default: ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--steps", defaultValue = "40", description = "Steps per run per repeat (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--repeats", defaultValue = "3", description = "Timed repeats; the median is shown (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Override
  public Integer call() throws Exception {
    List<MeasurementBlock> blocks = new SyntheticSensing(100, 100, 5, measurements, 0, 0).generate().train();
    System.out.printf(Locale.ROOT, "BLAS: %s; %d measurements of 100 x 100, depth %d, %d steps per run,"
        + " median of %d repeats after one warm-up; %d cores%n", Blas.implementation(), measurements, depth, steps,
        repeats, Runtime.getRuntime().availableProcessors());
    System.out.println("| runs | alone, one at a time (ms / run-step) | alone, two at a time | together, one thread |"
        + " together, two threads | speed-up on two cores (alone two at a time / together two threads) |"
        + " together, two threads, plain passes (two gemm per whole block) | tuned / plain |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (int runs : runCounts) {
      double oneAtATime = alone(runs, 1, blocks);
      double twoAtATime = alone(runs, 2, blocks);
      double togetherOne = together(runs, 1, blocks, true);
      double togetherTwo = together(runs, 2, blocks, true);
      double plain = together(runs, 2, blocks, false);
      System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.2f | %.2fx | %.2f | %.2fx |%n", runs, oneAtATime,
          twoAtATime, togetherOne, togetherTwo, twoAtATime / togetherTwo, plain, togetherTwo / plain);
    }
    System.out.printf(Locale.ROOT, "%ncommand: deploy/dmf bench shared-sensing --measurements %d --runs %s --depth %d"
        + " --steps %d --repeats %d%n", measurements, String.join(",", runCounts.stream().map(String::valueOf).toList()),
        depth, steps, repeats);
    return 0;
  }

  /** Each run with its own objective, {@code threads} runs at a time. */
  private double alone(int runs, int threads, List<MeasurementBlock> blocks) {
    return msPerRunStep(runs, threads, () -> i -> SensingObjective.local(blocks, 1));
  }

  /** All runs at once on shared measurements over {@code threads} threads; every member joins before any starts, as in the sweep. */
  private double together(int runs, int threads, List<MeasurementBlock> blocks, boolean tuned) {
    try (SharedMeasurements shared = new SharedMeasurements(blocks, 100 * 100, threads, tuned)) {
      return msPerRunStep(runs, runs, () -> {
        List<Objective> joined = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
          joined.add(shared.join());
        }
        return joined::get;
      });
    }
  }

  private double msPerRunStep(int runs, int threads, Supplier<IntFunction<Objective>> objectives) {
    double seconds = Timing.medianSeconds(() -> trainAll(runs, threads, objectives.get()), 1, repeats);
    return 1e3 * seconds / ((double) runs * steps);
  }

  private void trainAll(int runs, int threads, IntFunction<Objective> objectives) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        int run = i;
        done.add(pool.submit(() -> {
          DeepFactorization model = Initialization.GAUSSIAN.create(FactorShapes.fullWidth(100, 100, depth), 1e-3, run);
          try (Objective objective = objectives.apply(run)) {
            new Trainer(new StoppingRule(steps, 0), TrainingListener.NONE).train(model, objective, new GroupRmsProp(1e-3));
          }
        }));
      }
      for (Future<?> run : done) {
        run.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a benchmark run failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
