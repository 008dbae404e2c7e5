package io.sparkdmf.core.ratings;

import io.sparkdmf.core.bias.RatingBiases;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.engine.EngineChoice;
import io.sparkdmf.core.engine.Parallelism;
import io.sparkdmf.core.train.TrainingListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.api.java.JavaRDD;

/**
 * A search over widths on top of {@link RatingsFit}'s own choice of the penalty: every width is fitted
 * (its penalty path, early stopping) on one held-out split with one fit of the biases, all at once from
 * driver threads, so on a cluster Spark runs their jobs side by side; the width with the lowest held-out RMSE wins and, with
 * {@link RatingSettings#refit()}, is the one refitted on all the ratings.
 */
public final class RatingsTuning {
  private RatingsTuning() {}

  /** The widths tried by default: a factor of 2 apart around the default 16. */
  public static final int[] WIDTHS = {8, 16, 32, 64};

  /** One width's result: its chosen penalty and held-out RMSE. */
  public record Candidate(int width, double regParam, double validationRmse) {}

  /** Every candidate, in the order tried, and the winner's fit. */
  public record Tuned(List<Candidate> candidates, RatingsFit.Fitted best) {}

  public static Tuned tune(JavaRDD<EntryBlock> ratings, int rows, int cols, RatingSettings settings, int[] widths,
      EngineChoice engine, Parallelism parallelism) {
    if (widths.length == 0) {
      throw new IllegalArgumentException("tuning needs at least one width");
    }
    HeldOutSplit.Parts parts = RatingsFit.split(ratings, settings);
    ExecutorService pool = Executors.newFixedThreadPool(widths.length);
    try {
      RatingBiases biases = RatingBiases.fit(parts.fit(), rows, cols, settings.biasReg());
      List<CompletableFuture<RatingsFit.Fitted>> fits = new ArrayList<>();
      for (int width : widths) {
        fits.add(CompletableFuture.supplyAsync(() -> RatingsFit.choose(parts, biases, rows, cols,
            settings.withWidth(width), engine, parallelism, TrainingListener.NONE), pool));
      }
      List<Candidate> candidates = new ArrayList<>();
      List<RatingsFit.Fitted> fitted = new ArrayList<>();
      for (int k = 0; k < widths.length; k++) {
        RatingsFit.Fitted fit = fits.get(k).join();
        fitted.add(fit);
        candidates.add(new Candidate(widths[k], fit.bestStage().regParam(), fit.validationRmse()));
      }
      int best = candidates.indexOf(candidates.stream().min(Comparator.comparingDouble(Candidate::validationRmse))
          .orElseThrow());
      RatingsFit.Fitted winner = fitted.get(best);
      if (settings.refit()) {
        winner = RatingsFit.refit(ratings, rows, cols, settings.withWidth(widths[best]), engine, parallelism, winner);
      }
      return new Tuned(candidates, winner);
    } finally {
      pool.shutdownNow();
      parts.unpersist();
    }
  }
}
