package io.sparkdmf.core.ratings;

import io.sparkdmf.core.bias.RatingBiases;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.engine.EngineChoice;
import io.sparkdmf.core.engine.Parallelism;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.DepthLift;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.engine.completion.CompletionRouting;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.TrainData;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingListener;
import io.sparkdmf.core.train.TrainingResult;
import io.sparkdmf.core.train.TrainingState;
import io.sparkdmf.core.train.ValidationStopping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  /**
   * The biases, the stages in order, the index of the best, and the factors: the best stage's model, or
   * with {@link RatingSettings#refit()} the model of the stages replayed on all ratings.
   */
  public record Fitted(RatingBiases biases, List<Stage> stages, int best, DeepFactorization refitted) {

    public Stage bestStage() {
      return stages.get(best);
    }

    public DeepFactorization factors() {
      return refitted != null ? refitted : bestStage().training().model();
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
      EngineChoice engine, Parallelism parallelism, TrainingListener listener) {
    HeldOutSplit.Parts parts = split(ratings, settings);
    Fitted chosen;
    try {
      chosen = choose(parts, RatingBiases.fit(parts.fit(), rows, cols, settings.biasReg()), rows, cols, settings,
          engine, parallelism, listener);
    } finally {
      parts.unpersist();
    }
    return settings.refit() ? refit(ratings, rows, cols, settings, engine, parallelism, chosen) : chosen;
  }

  /** The ratings kept for fitting and those held out, as the settings say. */
  static HeldOutSplit.Parts split(JavaRDD<EntryBlock> ratings, RatingSettings settings) {
    return new HeldOutSplit(settings.validationFraction(), settings.seed()).split(ratings);
  }

  /**
   * The stages on a held-out split whose biases are fitted: the penalty path, then the lift. Several
   * settings may be chosen on the same split and biases at once (each builds its own objectives).
   */
  static Fitted choose(HeldOutSplit.Parts parts, RatingBiases biases, int rows, int cols, RatingSettings settings,
      EngineChoice engine, Parallelism parallelism, TrainingListener listener) {
    try (Residuals fitPart = new Residuals(biases.residuals(parts.fit()));
        Objective validation = heldOut(biases.residuals(parts.heldOut()), parallelism)) {
      StageRunner runner = (start, reg) -> {
        StoppingRule rule = new StoppingRule(settings.maxSteps(), 0,
            new ValidationStopping(validation, settings.validationEvery(), settings.patience()));
        TrainingResult result = fitPart.train(start, reg, rule, settings, rows, cols, engine, parallelism, listener);
        LOG.info("depth {}, regParam {}: held-out RMSE {} at step {} of {}", start.depth(), reg,
            String.format(Locale.ROOT, "%.4f", result.validationRmse()), result.bestStep(), result.steps());
        return new Stage(start.depth(), reg, result);
      };
      List<Stage> stages = new ArrayList<>();
      int best = path(runner, initial(rows, cols, settings), settings.regPath(), stages);
      if (settings.depth() > 2) {
        Stage shallow = stages.get(best);
        stages.add(runner.run(DepthLift.lift(shallow.training().model(), settings.depth()), shallow.regParam()));
        best = stages.size() - 1; // its held-out RMSE is at most the lifted start's, depth 2's best
      }
      return new Fitted(biases, stages, best, null);
    }
  }

  /**
   * The chosen stages replayed on all the ratings: biases refitted, then each stage up to the best run
   * from where the previous one ended for the steps its kept model had, and the lift where there was one.
   * Nothing is held out any more, so the step counts stand in for early stopping.
   */
  static Fitted refit(JavaRDD<EntryBlock> ratings, int rows, int cols, RatingSettings settings,
      EngineChoice engine, Parallelism parallelism, Fitted chosen) {
    RatingBiases biases = RatingBiases.fit(ratings, rows, cols, settings.biasReg());
    DeepFactorization model = initial(rows, cols, settings);
    long count;
    try (Residuals all = new Residuals(biases.residuals(ratings))) {
      count = all.count;
      for (int k = 0; k <= chosen.best(); k++) {
        Stage stage = chosen.stages().get(k);
        if (stage.depth() != model.depth()) {
          model = DepthLift.lift(model, stage.depth());
        }
        model = all.train(model, stage.regParam(), new StoppingRule(stage.training().bestStep(), 0), settings,
            rows, cols, engine, parallelism, TrainingListener.NONE).model();
      }
    }
    LOG.info("refitted on all {} ratings", count);
    return new Fitted(biases, chosen.stages(), chosen.best(), model);
  }

  private static DeepFactorization initial(int rows, int cols, RatingSettings settings) {
    return settings.initialization().create(new FactorShapes(rows, cols, 2, settings.width()), settings.initScale(),
        settings.seed());
  }

  /** Residual entries cached for training, collected to the driver once if the local engine wants them. */
  private static final class Residuals implements AutoCloseable {
    private final JavaRDD<EntryBlock> entries;
    private final long count;
    private List<EntryBlock> onDriver;

    Residuals(JavaRDD<EntryBlock> entries) {
      this.entries = entries.cache();
      this.count = this.entries.map(EntryBlock::size).fold(0, Integer::sum);
    }

    /** Trains a copy of {@code start} with penalty {@code reg} until {@code rule} stops it. */
    TrainingResult train(DeepFactorization start, double reg, StoppingRule rule, RatingSettings settings, int rows,
        int cols, EngineChoice engine, Parallelism parallelism, TrainingListener listener) {
      try (TrainData data = CompletionRouting.route(engine, count, rows, cols, settings.width(), parallelism, reg,
              this::driverCopy, () -> entries);
          TrainingState state = data.start(start.copy(), settings.optimizer().create(settings.learningRate()))) {
        return new Trainer(rule, listener).train(state, 0);
      }
    }

    private List<EntryBlock> driverCopy() {
      if (onDriver == null) {
        onDriver = new ArrayList<>(entries.collect());
      }
      return onDriver;
    }

    @Override
    public void close() {
      entries.unpersist();
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
      Stage stage = runner.run(model, reg);
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
  static Objective heldOut(JavaRDD<EntryBlock> entries, Parallelism parallelism) {
    long count = entries.map(EntryBlock::size).fold(0, Integer::sum);
    return EngineChoice.AUTO.choose(count, 0,
        () -> CompletionObjective.local(entries.collect(), parallelism.threads(count)),
        () -> CompletionObjective.spark(entries.cache(), count), null);
  }

}
