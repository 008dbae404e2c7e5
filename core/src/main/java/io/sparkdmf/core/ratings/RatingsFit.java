package io.sparkdmf.core.ratings;

import io.sparkdmf.core.bias.RatingBiases;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.engine.EngineChoice;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.DepthLift;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.routing.CompletionRouting;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.TrainData;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingListener;
import io.sparkdmf.core.train.TrainingResult;
import io.sparkdmf.core.train.TrainingState;
import io.sparkdmf.core.train.ValidationStopping;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits {@link RatingSettings} to ratings, with no tuning by the user:
 * <ol>
 *   <li>holds out a share of the ratings for early stopping and fits the biases to the rest;</li>
 *   <li>fits a depth-2 factorization to what the biases leave along a path of penalties, largest first,
 *       each stage starting from the previous one and stopped at its best held-out RMSE, until the
 *       held-out RMSE has got worse for {@link #WORSE_STAGES} stages; the best stage wins;</li>
 *   <li>for depth N > 2, lifts that model to depth N ({@link DepthLift}) and trains on, keeping the lifted
 *       start unless training improves the held-out RMSE, so depth N is never worse than depth 2 there.</li>
 * </ol>
 * Depth 2 first because for N >= 3 the origin is a local minimum of the penalized loss: from small
 * initialization a penalty large enough to matter holds the factors at zero.
 */
public final class RatingsFit {
  private static final Logger LOG = LoggerFactory.getLogger(RatingsFit.class);

  /** Stages in a row whose held-out RMSE is worse than the best end the penalty path. */
  public static final int WORSE_STAGES = 2;

  private RatingsFit() {}

  /** One stage: its depth and penalty, and how training went. */
  public record Stage(int depth, double regParam, TrainingResult training) {}

  /** The biases, the stages in order and the index of the best (whose model: the factors). */
  public record Fitted(RatingBiases biases, List<Stage> stages, int best) {

    public Stage bestStage() {
      return stages.get(best);
    }

    public DeepFactorization factors() {
      return bestStage().training().model();
    }

    public double validationRmse() {
      return bestStage().training().validationRmse();
    }

    public int steps() {
      return stages.stream().mapToInt(s -> s.training().steps()).sum();
    }
  }

  /** Fits the ratings of a {@code rows} x {@code cols} matrix (rows users, columns items). */
  public static Fitted fit(JavaRDD<EntryBlock> ratings, int rows, int cols, RatingSettings settings,
      EngineChoice engine, int parallelism, TrainingListener listener) {
    HeldOutSplit.Parts parts = new HeldOutSplit(settings.validationFraction(), settings.seed()).split(ratings);
    try {
      RatingBiases biases = RatingBiases.fit(parts.fit(), rows, cols, settings.biasReg());
      JavaRDD<EntryBlock> residuals = biases.residuals(parts.fit()).cache();
      try (Objective validation = heldOut(biases.residuals(parts.heldOut()), parallelism)) {
        long count = residuals.map(EntryBlock::size).fold(0, Integer::sum);
        Supplier<List<EntryBlock>> onDriver = memoized(() -> new ArrayList<>(residuals.collect()));
        StageRunner runner = (start, reg) -> {
          try (TrainData data = CompletionRouting.route(engine, count, rows, cols, settings.width(), parallelism, reg,
                  onDriver, () -> residuals);
              TrainingState state = data.start(start, settings.optimizer().create(settings.learningRate()))) {
            StoppingRule rule = new StoppingRule(settings.maxSteps(), 0,
                new ValidationStopping(validation, settings.validationEvery(), settings.patience()));
            TrainingResult result = new Trainer(rule, listener).train(state, 0);
            LOG.info("depth {}, regParam {}: held-out RMSE {} at step {} of {}", start.depth(), reg,
                String.format(java.util.Locale.ROOT, "%.4f", result.validationRmse()), result.bestStep(),
                result.steps());
            return new Stage(start.depth(), reg, result);
          }
        };
        List<Stage> stages = new ArrayList<>();
        int best = path(runner, Initialization.GAUSSIAN.create(new FactorShapes(rows, cols, 2, settings.width()),
            settings.initScale(), settings.seed()), settings.regPath(), stages);
        if (settings.depth() > 2) {
          Stage shallow = stages.get(best);
          stages.add(runner.run(DepthLift.lift(shallow.training().model(), settings.depth()), shallow.regParam()));
          best = stages.size() - 1; // its held-out RMSE is at most the lifted start's, depth 2's best
        }
        return new Fitted(biases, stages, best);
      } finally {
        residuals.unpersist();
      }
    } finally {
      parts.unpersist();
    }
  }

  /** Trains from a start with a penalty, early-stopped on the held-out ratings. */
  @FunctionalInterface
  interface StageRunner {
    Stage run(DeepFactorization start, double regParam);
  }

  /** Runs the penalty path into {@code stages}; returns the index of the best. */
  static int path(StageRunner runner, DeepFactorization start, double[] regPath, List<Stage> stages) {
    int best = -1;
    int worse = 0;
    DeepFactorization model = start;
    for (double reg : regPath) {
      Stage stage = runner.run(model.copy(), reg); // training moves its start in place; earlier stages keep theirs
      stages.add(stage);
      model = stage.training().model();
      if (best < 0 || stage.training().validationRmse() < stages.get(best).training().validationRmse()) {
        best = stages.size() - 1;
        worse = 0;
      } else if (++worse >= WORSE_STAGES) {
        break;
      }
    }
    return best;
  }

  /** Held-out entries on the driver's threads when few, as an RDD otherwise. */
  static Objective heldOut(JavaRDD<EntryBlock> entries, int parallelism) {
    long count = entries.map(EntryBlock::size).fold(0, Integer::sum);
    return EngineChoice.AUTO.choose(count, 0,
        () -> CompletionObjective.local(entries.collect(), EngineChoice.localThreads(count, parallelism)),
        () -> CompletionObjective.spark(entries.cache(), count), null);
  }

  private static <T> Supplier<T> memoized(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }
}
