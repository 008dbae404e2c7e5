package io.sparkdmf.research.experiment;

import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.research.experiment.RunSpec.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
import picocli.CommandLine.ParameterException;
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

  @Option(names = "--quick", description = "A few-minute subset: completion only, |Omega| = 2000, s = 1e-3, lr 1e-3,"
      + " depths 2-4 and the nuclear-norm baseline, 3 seeds; no dynamics runs. Options given as well still apply.")
  boolean quick;

  @Option(names = "--tasks", split = ",", description = "completion, sensing (default: both; completion with --quick).")
  List<Task> tasks;

  @Option(names = "--observed", split = ",", description = "|Omega| or number of measurements (default: 2000,5000;"
      + " 2000 with --quick).")
  List<Integer> observed;

  @Option(names = "--depths", split = ",", description = "Depths of the sweep (default: 2,3,4).")
  List<Integer> depths;

  @Option(names = "--init-scales", split = ",", description = "Completion init scales (default: 1e-3,1e-4,1e-5,1e-6).")
  List<Double> completionScales;

  @Option(names = "--sensing-init-scales", split = ",", description = "Sensing init scales (default: 1e-3,...,1e-7).")
  List<Double> sensingScales;

  @Option(names = "--lrs", split = ",", description = "Learning rates (default: 1e-3,3e-4).")
  List<Double> learningRates;

  @Option(names = "--seeds", split = ",", description = "Seeds: the first is the whole grid's, all of them run at the reference cell (first |Omega|,"
      + " first scale and lr; default: 0,1,2).")
  List<Long> seeds;

  @Option(names = "--dynamics-depths", paramLabel = "DEPTHS",
      description = "Depths of the dynamics runs, comma-separated; empty for none (default: 1,2,3; none with --quick).")
  String dynamicsDepths;

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

  @Option(names = "--checkpoint-every", defaultValue = "5000",
      description = "Steps between the checkpoints of a sweep run, which an interrupted run goes on from"
          + " (default: ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(names = "--parallel", description = "Runs at once (default: the number of cores); sensing runs on the same"
      + " measurements count as one, as they share their steps.")
  Integer parallel;

  @Option(names = "--report-only",
      description = "Train nothing: write results.csv, the figures and report.md from the runs already finished in"
          + " --out, e.g. while a sweep into it is still under way.")
  boolean reportOnly;

  @Override
  public Integer call() throws Exception {
    System.setProperty("java.awt.headless", "true");
    if (checkpointEvery < 1) {
      throw new ParameterException(spec.commandLine(), "--checkpoint-every must be at least 1, got " + checkpointEvery);
    }
    if (reportOnly) {
      // Checked before RunStore, which would create the directory.
      List<RunResult> finished = Files.isDirectory(out.resolve("runs")) ? new RunStore(out).loadAll() : List.of();
      if (finished.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--report-only: no finished runs in " + out);
      }
      writeReport(finished);
      return 0;
    }
    SweepPlan plan = plan();
    List<RunSpec> runs = plan.runs();
    RunStore store = new RunStore(out);
    Runner runner = new Runner(maxSteps, dynamicsSteps, Math.max(1, dynamicsSteps / DYNAMICS_ROWS), 1e-8,
        baselineIterations, store, checkpointEvery);
    List<RunSpec> todo = runs.stream().filter(run -> store.load(run).isEmpty()).toList();
    int threads = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
    LOG.info("implicit-regularization: {} runs, {} already finished in {}, {} to do on {} threads; BLAS: {}",
        runs.size(), runs.size() - todo.size(), out, todo.size(), threads, Blas.implementation());

    List<List<RunSpec>> units = SweepPlan.sharingMeasurements(todo);
    Progress progress = new Progress(store, todo.size());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      ExecutorCompletionService<Void> completions = new ExecutorCompletionService<>(pool);
      for (List<RunSpec> unit : units) {
        completions.submit(() -> {
          if (unit.size() == 1) {
            progress.finished(runner.run(unit.get(0)));
          } else {
            runner.runTogether(unit, progress::finished);
          }
          return null;
        });
      }
      for (int done = 0; done < units.size(); done++) {
        completions.take().get();
      }
    } finally {
      pool.shutdownNow();
    }
    // The report covers every run in the directory, so sweeps run in parts add up to one report.
    writeReport(store.loadAll());
    return 0;
  }

  private void writeReport(List<RunResult> finished) throws IOException {
    new ExperimentReport(out, finished, "deploy/dmf " + String.join(" ",
        spec.commandLine().getParseResult().originalArgs())).write();
    LOG.info("report written to {}", out.resolve("report.md"));
  }

  /**
   * Saves each finished run at once and logs it with the time left at the pace of the runs finished
   * so far: a fair guess for runs trained one by one, a rough one while groups are under way (their
   * runs end in bursts), whose own lines give their pace and an upper bound.
   */
  private static final class Progress {
    private final RunStore store;
    private final int total;
    private final long start = System.nanoTime();
    private int done;

    Progress(RunStore store, int total) {
      this.store = store;
      this.total = total;
    }

    synchronized void finished(RunResult result) {
      store.save(result);
      done++;
      double elapsed = (System.nanoTime() - start) / 1e9;
      double eta = elapsed / done * (total - done);
      LOG.info(String.format(Locale.ROOT, "[%d/%d] %s: error %.3e, %d steps, %.1f s (%s); elapsed %s, ETA %s at this pace of runs",
          done, total, result.spec().id(), result.error(), result.steps(), result.seconds(),
          result.stopReason(), clock(elapsed), clock(eta)));
    }
  }

  SweepPlan plan() {
    return new SweepPlan(
        orDefault(tasks, quick ? List.of(Task.COMPLETION) : List.of(Task.COMPLETION, Task.SENSING)),
        orDefault(observed, quick ? List.of(2000) : List.of(2000, 5000)),
        orDefault(depths, List.of(2, 3, 4)),
        orDefault(completionScales, quick ? List.of(1e-3) : List.of(1e-3, 1e-4, 1e-5, 1e-6)),
        orDefault(sensingScales, quick ? List.of(1e-3) : List.of(1e-3, 1e-4, 1e-5, 1e-6, 1e-7)),
        orDefault(learningRates, quick ? List.of(1e-3) : List.of(1e-3, 3e-4)),
        orDefault(seeds, List.of(0L, 1L, 2L)),
        dynamicsDepths != null ? depthList(dynamicsDepths) : quick ? List.of() : List.of(1, 2, 3),
        1e-3, 0.01);
  }

  /** A comma-separated list of depths, where "" means none (which picocli's split lists cannot express). */
  private List<Integer> depthList(String value) {
    if (value.isBlank()) {
      return List.of();
    }
    try {
      return Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(),
          "--dynamics-depths: '" + value + "' is not a comma-separated list of depths");
    }
  }

  private static <T> List<T> orDefault(List<T> given, List<T> otherwise) {
    return given != null ? given : otherwise;
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }
}
