package io.sparkdmf.research.experiment;

import io.sparkdmf.research.baseline.DenseMeasurements;
import io.sparkdmf.research.baseline.LinearMeasurements;
import io.sparkdmf.research.baseline.MinimumNuclearNorm;
import io.sparkdmf.research.baseline.SampledEntries;
import io.sparkdmf.core.checkpoint.CheckpointStore;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.metrics.Metrics;
import io.sparkdmf.core.metrics.SpectralDiagnostics;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.optim.GradientDescent;
import io.sparkdmf.core.optim.GroupRmsProp;
import io.sparkdmf.core.optim.Optimizer;
import io.sparkdmf.core.sensing.SensingObjective;
import io.sparkdmf.core.sensing.SharedMeasurements;
import io.sparkdmf.core.train.DivergenceException;
import io.sparkdmf.core.train.DriverTrainingState;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingListener;
import io.sparkdmf.core.train.TrainingResult;
import io.sparkdmf.data.CompletionProblem;
import io.sparkdmf.data.SensingProblem;
import io.sparkdmf.data.SyntheticCompletion;
import io.sparkdmf.data.SyntheticSensing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;

/**
 * Runs one {@link RunSpec} on the paper's task (rank-5 100 x 100, seeded by the run's seed) on the
 * local engine with one thread, or a group of sensing runs on shared measurements together
 * ({@link #runTogether}); the experiment runs several of these side by side.
 */
final class Runner {
  static final int SIZE = 100;
  static final int RANK = 5;
  static final double TRAIN_THRESHOLD = 1e-6;
  /** The baseline's allowed misfit per measurement (docs/maths.md §3). */
  static final double NUCLEAR_DELTA = 1e-3;
  static final int TOP_SINGULAR_VALUES = 10;

  private final int maxSteps;
  private final int dynamicsSteps;
  private final int dynamicsEvery;
  private final MinimumNuclearNorm baseline;
  private final RunStore store;
  private final int checkpointEvery;

  /**
   * @param store where sweep runs keep a checkpoint every {@code checkpointEvery} steps, to go on from
   *     after an interruption
   */
  Runner(int maxSteps, int dynamicsSteps, int dynamicsEvery, double baselineTolerance, int baselineIterations,
      RunStore store, int checkpointEvery) {
    this.store = store;
    this.checkpointEvery = checkpointEvery;
    this.maxSteps = maxSteps;
    this.dynamicsSteps = dynamicsSteps;
    this.dynamicsEvery = dynamicsEvery;
    this.baseline = new MinimumNuclearNorm(NUCLEAR_DELTA, baselineTolerance, baselineIterations);
  }

  RunResult run(RunSpec spec) {
    long start = System.nanoTime();
    Data data = Data.generate(spec);
    return switch (spec.kind()) {
      case NUCLEAR -> nuclear(spec, data, start);
      case DMF -> swept(spec, data, data.objective(), TrainingListener.NONE, start);
      case DYNAMICS -> {
        List<double[]> trajectory = new ArrayList<>();
        TrainingListener recorder = (step, loss, state, seconds) -> {
          if (step % dynamicsEvery == 0) {
            trajectory.add(trajectoryRow(step, state.model().endToEnd(), data.truth()));
          }
        };
        // Not checkpointed: the trajectory is recorded in memory, and these runs take minutes.
        yield trained(spec, data, data.objective(), new GradientDescent(spec.lr()), Initialization.IDENTITY,
            new Trainer(new StoppingRule(dynamicsSteps, 0), recorder), null, trajectory, start);
      }
    };
  }

  /**
   * Runs sweep runs of the sensing task that share their measurements (same number and seed) at
   * once, one thread each, reading the operators once per step for all of them
   * ({@link SharedMeasurements}); hands each result to {@code finished} as soon as that run ends.
   * A run's seconds are then its wall time in the group.
   */
  void runTogether(List<RunSpec> specs, Consumer<RunResult> finished) throws InterruptedException, ExecutionException {
    long start = System.nanoTime();
    Data data = Data.generate(specs.get(0));
    // Two threads per group: while groups run side by side they share the cores; the last one uses both.
    try (SharedMeasurements shared = new SharedMeasurements(data.sensing().train(), SIZE * SIZE, 2)) {
      trainTogether(specs, data, shared, finished, start);
    }
  }

  private void trainTogether(List<RunSpec> specs, Data data, SharedMeasurements shared, Consumer<RunResult> finished,
      long start) throws InterruptedException, ExecutionException {
    List<Objective> objectives = new ArrayList<>();
    for (RunSpec spec : specs) {
      if (spec.kind() != RunSpec.Kind.DMF || spec.task() != RunSpec.Task.SENSING
          || spec.observed() != specs.get(0).observed() || spec.seed() != specs.get(0).seed()) {
        throw new IllegalArgumentException(spec.id() + " does not share the measurements of " + specs.get(0).id());
      }
      objectives.add(shared.join());
    }
    // A group can train for hours before its first run ends, so its progress is logged every minute.
    AtomicIntegerArray stepOf = new AtomicIntegerArray(specs.size());
    AtomicInteger left = new AtomicInteger(specs.size());
    String group = String.format(Locale.ROOT, "sensing, %d measurements, seed %d", specs.get(0).observed(), specs.get(0).seed());
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
    // A fixed delay, not a fixed rate: after the process was suspended, a fixed rate logs every missed minute at once.
    progress.scheduleWithFixedDelay(new GroupProgress(group, stepOf, left, maxSteps, System::nanoTime), 1, 1, TimeUnit.MINUTES);
    ExecutorService threads = Executors.newFixedThreadPool(specs.size());
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < specs.size(); i++) {
        RunSpec spec = specs.get(i);
        Objective objective = objectives.get(i);
        int member = i;
        TrainingListener listener = (step, loss, state, seconds) -> stepOf.set(member, step);
        runs.add(threads.submit(() -> {
          RunResult result = swept(spec, data, objective, listener, start);
          left.decrementAndGet();
          finished.accept(result);
        }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
    } finally {
      progress.shutdownNow();
      threads.shutdownNow();
      objectives.forEach(Objective::close);
    }
  }

  private RunResult swept(RunSpec spec, Data data, Objective objective, TrainingListener listener, long start) {
    CheckpointStore checkpoints = store.checkpoints(spec);
    return trained(spec, data, objective, new GroupRmsProp(spec.lr()), Initialization.GAUSSIAN,
        new Trainer(new StoppingRule(maxSteps, TRAIN_THRESHOLD), listener, checkpoints, checkpointEvery),
        checkpoints, new ArrayList<>(), start);
  }

  private RunResult nuclear(RunSpec spec, Data data, long start) {
    MinimumNuclearNorm.Result result = baseline.solve(data.measurements(),
        new BaselineProgress(spec.id(), baseline.maxIterations(), baseline.tolerance(), System::nanoTime));
    SpectralDiagnostics spectrum = SpectralDiagnostics.of(result.solution());
    return new RunResult(spec, result.iterations(), seconds(start),
        Metrics.reconstructionError(result.solution(), data.truth()), spectrum.nuclearNorm(),
        spectrum.effectiveRank(), result.converged() ? "converged" : "max_iterations", List.of());
  }

  /**
   * Trains a run's model, going on from its newest checkpoint when {@code checkpoints} holds one (the
   * run's seconds then count from there).
   */
  private static RunResult trained(RunSpec spec, Data data, Objective objective, Optimizer optimizer,
      Initialization init, Trainer trainer, CheckpointStore checkpoints, List<double[]> trajectory, long start) {
    DeepFactorization model =
        init.create(FactorShapes.fullWidth(SIZE, SIZE, spec.depth()), spec.initScale(), spec.seed());
    int steps;
    String reason;
    try (objective; DriverTrainingState state = new DriverTrainingState(model, objective, optimizer)) {
      int firstStep = 0;
      OptionalInt latest = checkpoints == null ? OptionalInt.empty() : checkpoints.latestStep();
      if (latest.isPresent()) {
        state.readCheckpoint(checkpoints, latest.getAsInt());
        firstStep = latest.getAsInt();
      }
      TrainingResult result = trainer.train(state, firstStep);
      steps = result.steps();
      reason = RunSpec.lower(result.reason());
    } catch (DivergenceException e) {
      steps = e.lastFiniteStep();
      reason = "diverged";
    }
    Matrix w = model.endToEnd();
    SpectralDiagnostics spectrum = SpectralDiagnostics.of(w);
    return new RunResult(spec, steps, seconds(start), Metrics.reconstructionError(w, data.truth()),
        spectrum.nuclearNorm(), spectrum.effectiveRank(), reason, trajectory);
  }

  private static double[] trajectoryRow(int step, Matrix w, Matrix truth) {
    double[] s = SpectralDiagnostics.of(w).singularValues();
    double[] row = new double[2 + TOP_SINGULAR_VALUES];
    row[0] = step;
    row[1] = Metrics.reconstructionError(w, truth);
    System.arraycopy(s, 0, row, 2, Math.min(TOP_SINGULAR_VALUES, s.length));
    return row;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** A run's task data, generated from its seed. */
  private record Data(Matrix truth, CompletionProblem completion, SensingProblem sensing) {

    static Data generate(RunSpec spec) {
      if (spec.task() == RunSpec.Task.COMPLETION) {
        CompletionProblem p = new SyntheticCompletion(SIZE, SIZE, RANK, spec.observed(), 0, spec.seed()).generate();
        return new Data(p.truth().orElseThrow(), p, null);
      }
      SensingProblem p = new SyntheticSensing(SIZE, SIZE, RANK, spec.observed(), 0, spec.seed()).generate();
      return new Data(p.truth().orElseThrow(), null, p);
    }

    Objective objective() {
      return completion != null
          ? CompletionObjective.local(completion.train().split(completion.train().size()), 1)
          : SensingObjective.local(sensing.train(), 1);
    }

    LinearMeasurements measurements() {
      return completion != null
          ? new SampledEntries(SIZE, SIZE, completion.train())
          : new DenseMeasurements(SIZE, SIZE, sensing.train());
    }
  }
}
