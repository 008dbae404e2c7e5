package io.sparkdmf.research.bench;

import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.engine.EngineChoice;
import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.optim.GroupRmsProp;
import io.sparkdmf.core.optim.Optimizer;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingListener;
import io.sparkdmf.core.train.TrainingResult;
import io.sparkdmf.data.CompletionProblem;
import io.sparkdmf.data.SyntheticCompletion;
import io.sparkdmf.jobs.SparkContexts;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dmf bench step}: time per training step of the reference completion task (group RMSprop,
 * gaussian init 1e-3) on each engine, against a dense baseline step measured in the same run.
 */
@Command(name = "step", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Benchmark: milliseconds per step of the reference task on each engine,"
        + " with a dense (PyTorch-style) step as the baseline measured in the same run.")
public final class StepTimeBenchmark implements Callable<Integer> {
  private static final double CONVERGED = 1e-6;

  @Spec CommandSpec spec;

  @Option(names = "--synthetic", defaultValue = "n=100,rank=5,observed=2000,seed=0",
      description = "The task (default: ${DEFAULT-VALUE}).")
  String synthetic;

  @Option(names = "--depth", defaultValue = "3", description = "Depth (default: ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--width", description = "Hidden width (default: min(m, n), full).")
  Integer width;

  @Option(names = "--warmup", defaultValue = "3000", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--steps", defaultValue = "3000", description = "Timed steps per repeat (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--repeats", defaultValue = "5", description = "Timed repeats; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--spark-steps", defaultValue = "200",
      description = "Timed steps per repeat on the Spark engine, whose steps are ~100x slower (default: ${DEFAULT-VALUE}).")
  int sparkSteps;

  @Option(names = "--pytorch", description = "Also time the PyTorch CPU loop of the same algorithm"
      + " (deploy/bench/pytorch_step.py; needs Debian's python3-torch) on the same entries.")
  boolean pytorch;

  @Option(names = "--converge", description = "Also time training from the start to train loss 1e-6"
      + " (group RMSprop, lr 1e-3, gaussian init 1e-3) on the local engine, and with --pytorch in PyTorch.")
  boolean converge;

  @Option(names = "--busy", defaultValue = "0",
      description = "Keep this many other processes busy (a spinning shell loop each) for the whole"
          + " measurement, as on a shared machine (default: ${DEFAULT-VALUE}).")
  int busy;

  @Option(names = "--python", defaultValue = "/usr/bin/python3",
      description = "Python with torch for --pytorch (default: ${DEFAULT-VALUE}).")
  String python;

  @Override
  public Integer call() throws Exception {
    CompletionProblem problem = SyntheticCompletion.parse(synthetic).generate();
    FactorShapes shapes = new FactorShapes(problem.rows(), problem.cols(), depth,
        width != null ? width : Math.min(problem.rows(), problem.cols()));
    System.out.println("# bench step: " + synthetic + ", depth " + depth + ", width "
        + shapes.hiddenWidth() + ", group RMSprop lr 1e-3");
    System.out.println("# command: deploy/dmf " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    System.out.println("# BLAS: " + Blas.implementation() + "; cores: " + Runtime.getRuntime().availableProcessors());
    try (BusyProcesses others = BusyProcesses.start(busy)) {
      System.out.println("# other processes kept busy: " + others.count());
      measure(problem, shapes);
    }
    return 0;
  }

  private void measure(CompletionProblem problem, FactorShapes shapes) throws Exception {
    double dense = report("dense reference step (baseline)", steps, denseLoop(problem, shapes));
    int cores = Runtime.getRuntime().availableProcessors();
    double bestLocal = Double.POSITIVE_INFINITY;
    for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
      try (Objective entries = CompletionObjective.local(
          problem.train().split(Math.max(256, problem.train().size() / threads)), threads)) {
        double local = report("local engine, " + threads + " thread(s)", steps, trainerLoop(entries, shapes));
        ratio(local, dense);
        bestLocal = Math.min(bestLocal, local);
      }
    }
    if (pytorch) {
      double torch = PyTorchBaseline.msPerStep(python, problem, shapes, warmup, steps, repeats, cores);
      System.out.printf(Locale.ROOT, "%-40s %.2fx PyTorch's time per step (best local engine)%n", "",
          bestLocal / torch);
    }
    if (converge) {
      timeToConverge(problem, shapes, cores);
    }
    JavaSparkContext sc = SparkContexts.start("dmf bench step");
    try (Objective entries = CompletionObjective.spark(sc.parallelize(
        problem.train().split(Math.max(256, problem.train().size() / cores)), cores), problem.train().size())) {
      double spark = report("spark engine, " + sc.master(), sparkSteps, trainerLoop(entries, shapes));
      ratio(spark, dense);
    }
  }

  /**
   * Trains to the threshold with one thread and with the default threads, alternating, {@code repeats}
   * times each (a busy machine drifts, so the two are compared over the same stretch of time), and
   * with --pytorch once in PyTorch; reports the medians.
   */
  private void timeToConverge(CompletionProblem problem, FactorShapes shapes, int cores) throws Exception {
    // Blocks and threads as 'dmf complete' would choose them for these entries on this machine.
    long size = problem.train().size();
    int defaultThreads = EngineChoice.localThreads(size, cores);
    double[] oneThread = new double[repeats];
    double[] defaults = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      oneThread[r] = converge(problem, shapes, cores, 1, "local engine, 1 thread");
      defaults[r] = converge(problem, shapes, cores, defaultThreads,
          "local engine, default (" + defaultThreads + " thread(s))");
    }
    double one = median(oneThread);
    double chosen = median(defaults);
    System.out.printf(Locale.ROOT, "%-40s median %.3f s (1 thread), %.3f s (default): %.2fx one thread's time"
        + " to converge%n", "", one, chosen, chosen / one);
    if (pytorch) {
      double[] torch = PyTorchBaseline.converge(python, problem, shapes, CONVERGED, cores);
      System.out.printf(Locale.ROOT, "%-40s %.2fx PyTorch's time to converge (default), %.2fx (one thread)%n", "",
          chosen / torch[1], one / torch[1]);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double converge(CompletionProblem problem, FactorShapes shapes, int cores, int threads, String name) {
    DeepFactorization model = Initialization.GAUSSIAN.create(shapes, 1e-3, 0);
    TrainingResult ours;
    long size = problem.train().size();
    try (Objective entries = CompletionObjective.local(
        problem.train().split(EngineChoice.blockSize(size, cores)), threads)) {
      ours = new Trainer(new StoppingRule(1_000_000, CONVERGED), TrainingListener.NONE)
          .train(model, entries, new GroupRmsProp(1e-3));
    }
    System.out.printf(Locale.ROOT, "%-40s %d steps to train loss %.3e in %.3f s%n", name, ours.steps(),
        ours.trainLoss(), ours.seconds());
    return ours.seconds();
  }

  private IntConsumer trainerLoop(Objective entries, FactorShapes shapes) {
    DeepFactorization model = Initialization.GAUSSIAN.create(shapes, 1e-3, 0);
    Optimizer optimizer = new GroupRmsProp(1e-3);
    return n -> new Trainer(new StoppingRule(n, 0), TrainingListener.NONE).train(model, entries, optimizer);
  }

  private IntConsumer denseLoop(CompletionProblem problem, FactorShapes shapes) {
    DeepFactorization model = Initialization.GAUSSIAN.create(shapes, 1e-3, 0);
    Optimizer optimizer = new GroupRmsProp(1e-3);
    DenseReferenceStep step = new DenseReferenceStep(problem.train());
    return n -> {
      for (int t = 0; t < n; t++) {
        optimizer.step(model.factors(), step.gradients(model));
      }
    };
  }

  /** Runs warm-up, then the timed repeats; prints and returns the median milliseconds per step. */
  private double report(String name, int timedSteps, IntConsumer run) {
    run.accept(Math.min(warmup, timedSteps * 5));
    double[] ms = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long start = System.nanoTime();
      run.accept(timedSteps);
      ms[r] = (System.nanoTime() - start) / 1e6 / timedSteps;
    }
    Arrays.sort(ms);
    double median = median(ms);
    System.out.printf(Locale.ROOT, "%-40s median %.4f ms/step (min %.4f, max %.4f, %d x %d steps)%n",
        name, median, ms[0], ms[repeats - 1], repeats, timedSteps);
    return median;
  }

  private static void ratio(double measured, double baseline) {
    System.out.printf(Locale.ROOT, "%-40s %.2fx the baseline's time per step%n", "", measured / baseline);
  }
}
