package io.sparkdmf.jobs.experiment;

import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.jobs.experiment.RunSpec.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dmf experiment implicit-regularization}: the sweep of Arora, Cohen, Hu and Luo (NeurIPS
 * 2019) with the nuclear-norm baseline and the singular-value dynamics, run in parallel, resumable,
 * ending in results.csv, figures and report.md.
 */
@Command(name = "implicit-regularization", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Depth 2/3/4 deep matrix factorization vs minimum nuclear norm on rank-5 100 x 100 completion"
            + " and sensing, plus singular-value dynamics (Arora et al. 2019, Figures 1-3).",
        "Runs in parallel; rerun the same command to resume after an interruption (finished runs are kept"
            + " in DIR/runs). Writes results.csv, figures/*.png|svg, dynamics/*.csv and report.md."})
public final class ImplicitRegularizationExperiment implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ImplicitRegularizationExperiment.class);
  /** Rows of singular values recorded per dynamics run. */
  private static final int DYNAMICS_ROWS = 300;

  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Experiment directory (created, or resumed).")
  Path out;

  @Option(names = "--quick", description = "A few-minute subset: completion only, s = 1e-3, lr 1e-3, 3 seeds at |Omega| = 2000.")
  boolean quick;

  @Option(names = "--tasks", split = ",", description = "completion, sensing (default: both; completion with --quick).")
  List<Task> tasks;

  @Option(names = "--observed", split = ",", description = "|Omega| or number of measurements (default: 2000,5000).")
  List<Integer> observed;

  @Option(names = "--depths", split = ",", description = "Depths of the sweep (default: 2,3,4).")
  List<Integer> depths;

  @Option(names = "--init-scales", split = ",", description = "Completion init scales (default: 1e-3,1e-4,1e-5,1e-6).")
  List<Double> completionScales;

  @Option(names = "--sensing-init-scales", split = ",", description = "Sensing init scales (default: 1e-3,...,1e-7).")
  List<Double> sensingScales;

  @Option(names = "--lrs", split = ",", description = "Learning rates (default: 1e-3,3e-4).")
  List<Double> learningRates;

  @Option(names = "--seeds", split = ",", description = "Seeds at the reference cell (first |Omega|, first scale and lr; default: 0,1,2).")
  List<Long> seeds;

  @Option(names = "--dynamics-depths", split = ",", description = "Depths of the dynamics runs; empty for none (default: 1,2,3).")
  List<Integer> dynamicsDepths;

  @Option(names = "--dynamics-steps", defaultValue = "250000",
      description = "GD steps of a dynamics run; with the mean loss and lr 0.01 the depth-3 jumps come after"
          + " about 10^5 steps (default: ${DEFAULT-VALUE}).")
  int dynamicsSteps;

  @Option(names = "--max-steps", defaultValue = "200000", description = "Most steps of a sweep run (default: ${DEFAULT-VALUE}).")
  int maxSteps;

  @Option(names = "--baseline-iterations", defaultValue = "20000",
      description = "Most ADMM iterations of the nuclear-norm baseline, which stops at relative residuals 1e-8"
          + " (default: ${DEFAULT-VALUE}).")
  int baselineIterations;

  @Option(names = "--parallel", description = "Runs at once (default: the number of cores).")
  Integer parallel;

  @Override
  public Integer call() throws Exception {
    System.setProperty("java.awt.headless", "true");
    SweepPlan plan = plan();
    List<RunSpec> runs = plan.runs();
    RunStore store = new RunStore(out);
    Runner runner = new Runner(maxSteps, dynamicsSteps, Math.max(1, dynamicsSteps / DYNAMICS_ROWS), 1e-8, baselineIterations);
    List<RunSpec> todo = runs.stream().filter(run -> store.load(run).isEmpty()).toList();
    int threads = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
    LOG.info("implicit-regularization: {} runs, {} already finished in {}, {} to do on {} threads; BLAS: {}",
        runs.size(), runs.size() - todo.size(), out, todo.size(), threads, Blas.implementation());

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      ExecutorCompletionService<RunResult> completions = new ExecutorCompletionService<>(pool);
      for (RunSpec run : todo) {
        completions.submit(() -> runner.run(run));
      }
      long start = System.nanoTime();
      for (int done = 1; done <= todo.size(); done++) {
        RunResult result = completions.take().get();
        store.save(result);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = elapsed / done * (todo.size() - done);
        LOG.info(String.format(Locale.ROOT, "[%d/%d] %s: error %.3e, %d steps, %.1f s (%s); elapsed %s, ETA %s",
            done, todo.size(), result.spec().id(), result.error(), result.steps(), result.seconds(),
            result.stopReason(), clock(elapsed), clock(eta)));
      }
    } finally {
      pool.shutdownNow();
    }
    // The report covers every run in the directory, so sweeps run in parts add up to one report.
    new ExperimentReport(out, store.loadAll(), "deploy/dmf " + String.join(" ",
        spec.commandLine().getParseResult().originalArgs())).write();
    LOG.info("report written to {}", out.resolve("report.md"));
    return 0;
  }

  private SweepPlan plan() {
    return new SweepPlan(
        orDefault(tasks, quick ? List.of(Task.COMPLETION) : List.of(Task.COMPLETION, Task.SENSING)),
        orDefault(observed, List.of(2000, 5000)),
        orDefault(depths, List.of(2, 3, 4)),
        orDefault(completionScales, quick ? List.of(1e-3) : List.of(1e-3, 1e-4, 1e-5, 1e-6)),
        orDefault(sensingScales, quick ? List.of(1e-3) : List.of(1e-3, 1e-4, 1e-5, 1e-6, 1e-7)),
        orDefault(learningRates, quick ? List.of(1e-3) : List.of(1e-3, 3e-4)),
        orDefault(seeds, List.of(0L, 1L, 2L)),
        orDefault(dynamicsDepths, List.of(1, 2, 3)),
        1e-3, 0.01);
  }

  private static <T> List<T> orDefault(List<T> given, List<T> otherwise) {
    return given != null ? given : otherwise;
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }
}
