package io.sparkdmf.jobs.experiment;

import io.sparkdmf.core.baseline.DenseMeasurements;
import io.sparkdmf.core.baseline.LinearMeasurements;
import io.sparkdmf.core.baseline.MinimumNuclearNorm;
import io.sparkdmf.core.baseline.SampledEntries;
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
import io.sparkdmf.core.train.DivergenceException;
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

/**
 * Runs one {@link RunSpec} on the paper's task (rank-5 100 x 100, seeded by the run's seed) on the
 * local engine with one thread; the experiment runs several of these side by side.
 */
final class Runner {
  static final int SIZE = 100;
  static final int RANK = 5;
  static final double TRAIN_THRESHOLD = 1e-6;
  /** The baseline's allowed misfit per measurement (maths.md section 3). */
  static final double NUCLEAR_DELTA = 1e-3;
  static final int TOP_SINGULAR_VALUES = 10;

  private final int maxSteps;
  private final int dynamicsSteps;
  private final int dynamicsEvery;
  private final MinimumNuclearNorm baseline;

  Runner(int maxSteps, int dynamicsSteps, int dynamicsEvery, double baselineTolerance, int baselineIterations) {
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
      case DMF -> trained(spec, data, new GroupRmsProp(spec.lr()), Initialization.GAUSSIAN,
          new StoppingRule(maxSteps, TRAIN_THRESHOLD), TrainingListener.NONE, new ArrayList<>(), start);
      case DYNAMICS -> {
        List<double[]> trajectory = new ArrayList<>();
        TrainingListener recorder = (step, loss, state, seconds) -> {
          if (step % dynamicsEvery == 0) {
            trajectory.add(trajectoryRow(step, state.model().endToEnd(), data.truth()));
          }
        };
        yield trained(spec, data, new GradientDescent(spec.lr()), Initialization.IDENTITY,
            new StoppingRule(dynamicsSteps, 0), recorder, trajectory, start);
      }
    };
  }

  private RunResult nuclear(RunSpec spec, Data data, long start) {
    MinimumNuclearNorm.Result result = baseline.solve(data.measurements());
    SpectralDiagnostics spectrum = SpectralDiagnostics.of(result.solution());
    return new RunResult(spec, result.iterations(), seconds(start),
        Metrics.reconstructionError(result.solution(), data.truth()), spectrum.nuclearNorm(),
        spectrum.effectiveRank(), result.converged() ? "converged" : "max_iterations", List.of());
  }

  private static RunResult trained(RunSpec spec, Data data, Optimizer optimizer, Initialization init,
      StoppingRule rule, TrainingListener listener, List<double[]> trajectory, long start) {
    DeepFactorization model =
        init.create(FactorShapes.fullWidth(SIZE, SIZE, spec.depth()), spec.initScale(), spec.seed());
    int steps;
    String reason;
    try (Objective objective = data.objective()) {
      TrainingResult result = new Trainer(rule, listener).train(model, objective, optimizer);
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
