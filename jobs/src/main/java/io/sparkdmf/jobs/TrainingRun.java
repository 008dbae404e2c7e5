package io.sparkdmf.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.optim.Optimizer;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingResult;
import io.sparkdmf.core.checkpoint.CheckpointStore;
import io.sparkdmf.data.AtomicOutputDirectory;
import io.sparkdmf.data.ModelStore;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flow every training job shares: start Spark, claim the output directory, load the task, train
 * with progress, then write metrics.json, history.csv, the factors and the task's own files, and
 * commit them all at once.
 */
final class TrainingRun {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Loads a job's data once Spark is up. */
  @FunctionalInterface
  interface TaskLoader {
    TrainingTask load(JavaSparkContext sc, int parallelism);
  }

  private final String jobName;
  private final ModelOptions modelOptions;
  private final TrainingOptions trainingOptions;
  private final OutputOptions outputOptions;

  TrainingRun(String jobName, ModelOptions modelOptions, TrainingOptions trainingOptions,
      OutputOptions outputOptions) {
    this.jobName = jobName;
    this.modelOptions = modelOptions;
    this.trainingOptions = trainingOptions;
    this.outputOptions = outputOptions;
  }

  int run(TaskLoader loader) throws Exception {
    trainingOptions.validate();
    Optimizer optimizer = trainingOptions.optimizer().create(trainingOptions.learningRate());
    JavaSparkContext sc = SparkContexts.start("dmf " + jobName);
    int parallelism = trainingOptions.parallelism != null ? trainingOptions.parallelism : sc.defaultParallelism();
    try (AtomicOutputDirectory output =
            AtomicOutputDirectory.create(outputOptions.out, outputOptions.overwrite, sc.hadoopConfiguration());
        TrainingTask task = loader.load(sc, parallelism)) {
      LOG.info("{}: {}x{} matrix, {} {}: depth {}, width {}, {} init {}, {} lr {}, {} engine", jobName,
          task.rows(), task.cols(), task.train().size(), task.sizeName(), modelOptions.depth(),
          modelOptions.shapes(task.rows(), task.cols()).hiddenWidth(), lower(modelOptions.init),
          modelOptions.initScale(), lower(trainingOptions.optimizer()), trainingOptions.learningRate(),
          task.train().engineName());
      ProgressMonitor monitor = new ProgressMonitor(trainingOptions, task.truth(), task.test(),
          (long) task.rows() * task.cols());
      CheckpointStore checkpoints = checkpoints(sc);
      Trainer.Fit fit = new Trainer(trainingOptions.stoppingRule(), monitor, checkpoints,
          trainingOptions.checkpointEvery).fit(task.train(), modelOptions.initialModel(task.rows(), task.cols()), optimizer);
      TrainingResult result = fit.result();
      int firstStep = fit.resumedFrom();
      DeepFactorization model = result.model();
      ProgressMonitor.Row last = monitor.finish(result.steps(), result.trainLoss(), model, result.seconds());

      Map<String, Object> metrics = metrics(result, last, task);
      if (firstStep > 0) {
        metrics.put("resumed_from_step", firstStep);
      }
      try (Writer writer = output.newFile("metrics.json")) {
        writer.write(JSON.writeValueAsString(metrics));
      }
      try (Writer writer = output.newFile("history.csv")) {
        monitor.writeCsv(writer);
      }
      ModelStore.save(model, output, "factors");
      task.extraOutput().write(model, output);
      RunRecord.current().writeTo(output, sc.hadoopConfiguration());
      output.commit();
      LOG.info("stopped by {} after {} steps in {} s; results in {}",
          lower(result.reason()).replace('_', ' '), result.steps(),
          String.format(Locale.ROOT, "%.1f", result.seconds()), output.target());
      System.out.println(JSON.writeValueAsString(metrics));
    }
    return 0;
  }

  /** The checkpoint store, or null; a run that does not resume must not mix with old checkpoints. */
  private CheckpointStore checkpoints(JavaSparkContext sc) {
    if (trainingOptions.checkpointDir == null) {
      return null;
    }
    CheckpointStore store = new CheckpointStore(trainingOptions.checkpointDir, sc.hadoopConfiguration());
    if (!trainingOptions.resume && store.latestStep().isPresent()) {
      if (!outputOptions.overwrite) {
        throw new IllegalArgumentException(store.location() + " holds checkpoints of an earlier run; pass --resume"
            + " to continue it, --overwrite to start afresh, or choose another --checkpoint-dir");
      }
      store.clear();
    }
    return store;
  }

  private Map<String, Object> metrics(TrainingResult result, ProgressMonitor.Row last, TrainingTask task) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("train_loss", result.trainLoss());
    putKnown(metrics, "reconstruction_error", last.reconstructionError());
    putKnown(metrics, "test_rmse", last.testRmse());
    if (last.spectrum() != null) {
      metrics.put("nuclear_norm", last.spectrum().nuclearNorm());
      metrics.put("effective_rank", last.spectrum().effectiveRank());
    }
    metrics.put("steps", result.steps());
    metrics.put("stop_reason", lower(result.reason()));
    metrics.put("seconds", result.seconds());
    metrics.put("seconds_per_step", result.secondsPerStep());
    metrics.put("engine", task.train().engineName());
    metrics.put("blas", Blas.implementation());
    metrics.put("rows", task.rows());
    metrics.put("cols", task.cols());
    metrics.put(task.sizeName(), task.train().size());
    metrics.put("depth", modelOptions.depth());
    metrics.put("width", modelOptions.shapes(task.rows(), task.cols()).hiddenWidth());
    metrics.put("init", lower(modelOptions.init));
    metrics.put("init_scale", modelOptions.initScale());
    metrics.put("optimizer", lower(trainingOptions.optimizer()));
    metrics.put("lr", trainingOptions.learningRate());
    metrics.put("seed", modelOptions.seed);
    return metrics;
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static void putKnown(Map<String, Object> metrics, String key, double value) {
    if (!Double.isNaN(value)) {
      metrics.put(key, value);
    }
  }
}
