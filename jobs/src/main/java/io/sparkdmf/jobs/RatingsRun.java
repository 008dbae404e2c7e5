package io.sparkdmf.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.engine.EngineChoice;
import io.sparkdmf.core.engine.Parallelism;
import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.metrics.Metrics;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.ratings.RatingSettings;
import io.sparkdmf.core.ratings.RatingsFit;
import io.sparkdmf.core.ratings.RatingsTuning;
import io.sparkdmf.core.train.TrainingListener;
import io.sparkdmf.core.train.TrainingState;
import io.sparkdmf.data.AtomicOutputDirectory;
import io.sparkdmf.data.ModelStore;
import io.sparkdmf.data.Predictions;
import io.sparkdmf.data.RatingFileReader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flow of {@code complete --ratings}: read the ratings, fit them with {@link RatingsFit} (biases,
 * a penalty chosen on held-out ratings, early stopping, the best model kept), then write metrics.json,
 * history.csv (every held-out measurement), the factors with their ids and biases and, with test
 * ratings, predictions.csv, all at once.
 */
final class RatingsRun {
  private static final Logger LOG = LoggerFactory.getLogger(RatingsRun.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Reads the training ratings and, if there are any, the test ratings. */
  interface Source {
    RatingFileReader.RatingDataset train(JavaSparkContext sc);

    /** Test ratings, known ones in the training indices, or null when there are none. */
    RatingFileReader.HeldOutRatings test(RatingFileReader.RatingDataset train);
  }

  private final RatingSettings settings;
  private final boolean tune;
  private final EngineChoice engine;
  private final Integer parallelism;
  private final double logEverySeconds;
  private final OutputOptions output;

  /** @param tune also choose the width ({@link RatingsTuning}) */
  RatingsRun(RatingSettings settings, boolean tune, EngineChoice engine, Integer parallelism, double logEverySeconds,
      OutputOptions output) {
    this.settings = settings;
    this.tune = tune;
    this.engine = engine;
    this.parallelism = parallelism;
    this.logEverySeconds = logEverySeconds;
    this.output = output;
  }

  int run(Source source) throws Exception {
    JavaSparkContext sc = SparkContexts.start("dmf complete --ratings");
    Parallelism split = Parallelism.uniform(parallelism != null ? parallelism : sc.defaultParallelism());
    try (AtomicOutputDirectory out = AtomicOutputDirectory.create(output.out, output.overwrite, sc.hadoopConfiguration())) {
      long start = System.nanoTime();
      RatingFileReader.RatingDataset data = source.train(sc);
      RatingFileReader.HeldOutRatings heldOut = source.test(data);
      EntryBlock test = heldOut == null ? null : heldOut.known();
      int rows = data.userIds().size();
      int cols = data.itemIds().size();
      LOG.info("complete --ratings: {} users x {} items, {} ratings: depth {}, width {}, regParam {}, {} lr {}",
          rows, cols, data.entries().count(), settings.depth(), settings.width(),
          Double.isNaN(settings.regParam()) ? "chosen on held-out ratings" : settings.regParam(),
          settings.optimizer().name().toLowerCase(Locale.ROOT), settings.learningRate());
      History history = new History(logEverySeconds);
      Map<String, Object> metrics = new LinkedHashMap<>();
      RatingsFit.Fitted fitted;
      if (tune) {
        RatingsTuning.Tuned tuned = RatingsTuning.tune(data.entries().blocks(), rows, cols, settings,
            RatingsTuning.WIDTHS, engine, split);
        fitted = tuned.best();
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (RatingsTuning.Candidate c : tuned.candidates()) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("width", c.width());
          row.put("reg_param", c.regParam());
          row.put("validation_rmse", c.validationRmse());
          candidates.add(row);
        }
        metrics.put("tuning", candidates);
      } else {
        fitted = RatingsFit.fit(data.entries().blocks(), rows, cols, settings, engine, split, history);
      }
      double seconds = (System.nanoTime() - start) / 1e9;

      if (test != null && test.size() > 0) {
        try (Objective residuals = CompletionObjective.local(List.of(fitted.biases().residuals(test)), split.partitions())) {
          metrics.put("test_rmse", Metrics.rmse(fitted.factors(), residuals));
        }
        metrics.put("test_ratings", test.size());
      }
      if (heldOut != null && !heldOut.unseen().isEmpty()) {
        metrics.put("cold_start_ratings", heldOut.unseen().size());
      }
      metrics.put("validation_rmse", fitted.validationRmse());
      metrics.put("reg_param", fitted.bestStage().regParam());
      metrics.put("depth", fitted.factors().depth());
      metrics.put("width", fitted.factors().factor(1).rows());
      metrics.put("refit", settings.refit());
      metrics.put("steps", fitted.steps());
      metrics.put("seconds", seconds);
      metrics.put("rows", rows);
      metrics.put("cols", cols);
      metrics.put("ratings", data.entries().count());
      metrics.put("validation_fraction", settings.validationFraction());
      metrics.put("optimizer", settings.optimizer().name().toLowerCase(Locale.ROOT));
      metrics.put("lr", settings.learningRate());
      metrics.put("init_scale", settings.initScale());
      metrics.put("seed", settings.seed());
      metrics.put("engine", engine.name().toLowerCase(Locale.ROOT));
      metrics.put("blas", Blas.implementation());
      metrics.put("stages", stages(fitted));
      try (Writer writer = out.newFile("metrics.json")) {
        writer.write(JSON.writeValueAsString(metrics));
      }
      try (Writer writer = out.newFile("history.csv")) {
        history.writeCsv(writer);
      }
      ModelStore.save(fitted.factors(), out, "factors");
      ModelStore.saveRatingParts(data.userIds(), data.itemIds(), fitted.biases(), out, "factors");
      if (heldOut != null) {
        try (Writer writer = out.newFile("predictions.csv")) {
          Predictions.writeCsv(fitted.factors(), test, data.userIds(), data.itemIds(), fitted.biases(), writer);
          Predictions.writeUnseen(heldOut.unseen(), writer);
        }
      }
      RunRecord.current().writeTo(out, sc.hadoopConfiguration());
      out.commit();
      LOG.info("regParam {} at depth {}: held-out RMSE {} after {} steps in {} s; results in {}",
          fitted.bestStage().regParam(), fitted.factors().depth(),
          String.format(Locale.ROOT, "%.4f", fitted.validationRmse()), fitted.steps(),
          String.format(Locale.ROOT, "%.1f", seconds), out.target());
      System.out.println(JSON.writeValueAsString(metrics));
    }
    return 0;
  }

  private static List<Map<String, Object>> stages(RatingsFit.Fitted fitted) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (RatingsFit.Stage stage : fitted.stages()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("depth", stage.depth());
      row.put("reg_param", stage.regParam());
      row.put("validation_rmse", stage.training().validationRmse());
      row.put("best_step", stage.training().bestStep());
      row.put("steps", stage.training().steps());
      row.put("stop_reason", stage.training().reason().name().toLowerCase(Locale.ROOT));
      out.add(row);
    }
    return out;
  }

  /** Every held-out measurement, numbered by stage, logged at most every few seconds. */
  private static final class History implements TrainingListener {
    private final double logEverySeconds;
    private final List<String> rows = new ArrayList<>();
    private int stage = -1;
    private int depth;
    private long lastLog;

    History(double logEverySeconds) {
      this.logEverySeconds = logEverySeconds;
    }

    @Override
    public void onIterate(int step, double trainLoss, TrainingState state, double secondsSoFar) {
      if (step == 0) {
        stage++;
        depth = state.model().depth();
      }
    }

    @Override
    public void onValidation(int step, double heldOutRmse) {
      rows.add(String.format(Locale.ROOT, "%d,%d,%d,%.6f", stage, depth, step, heldOutRmse));
      long now = System.nanoTime();
      if ((now - lastLog) / 1e9 >= logEverySeconds) {
        lastLog = now;
        LOG.info("stage {} (depth {}): step {}, held-out RMSE {}", stage, depth, step,
            String.format(Locale.ROOT, "%.4f", heldOutRmse));
      }
    }

    void writeCsv(Writer out) throws java.io.IOException {
      out.write("stage,depth,step,validation_rmse\n");
      for (String row : rows) {
        out.write(row + "\n");
      }
    }
  }
}
