package io.sparkdmf.jobs;

import io.sparkdmf.data.AtomicOutputDirectory;
import io.sparkdmf.data.InputException;
import io.sparkdmf.data.ModelStore;
import io.sparkdmf.ml.DeepMatrixFactorizationModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dmf score}: predictions and top-k recommendations from a saved model, whichever way it was
 * saved: by {@code complete --ratings} (its output directory or the {@code factors} directory in it) or
 * by the Spark ML estimator ({@code model.write().save(path)}).
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Scores a saved model of ratings: predictions for user-item pairs (--pairs) and the top K items",
        "per user (--top). Writes predictions/ and recommendations/ (CSV part files with a header) into --out."})
final class ScoreJob implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);

  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "A model: the --out of complete --ratings, its factors directory, or an estimator model's path.")
  String model;

  @Option(names = "--pairs", paramLabel = "PATH",
      description = "User-item pairs to predict: CSV or TSV text (first two columns; more are ignored) or Parquet.")
  String pairs;

  @Option(names = "--header", description = "The --pairs text files start with a header line.")
  boolean header;

  @Option(names = "--columns", split = ",", defaultValue = "user,item", paramLabel = "USER,ITEM",
      description = "The user and item columns of Parquet --pairs (default: ${DEFAULT-VALUE}).")
  List<String> columns;

  @Option(names = "--cold-start", defaultValue = "nan", paramLabel = "nan|drop",
      description = "Pairs with a user or item the model has not seen: predicted as NaN or left out"
          + " (default: ${DEFAULT-VALUE}).")
  String coldStart;

  @Option(names = "--top", paramLabel = "K", description = "Also write the K highest-predicted items for every user.")
  Integer top;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws IOException {
    if (pairs == null && top == null) {
      throw new IllegalArgumentException("nothing to score: give --pairs, --top or both");
    }
    if (top != null && top < 1) {
      throw new IllegalArgumentException("--top must be at least 1, got " + top);
    }
    if (!coldStart.equals("nan") && !coldStart.equals("drop")) {
      throw new IllegalArgumentException("--cold-start must be nan or drop, got '" + coldStart + "'");
    }
    output.refuseExisting();
    JavaSparkContext sc = SparkContexts.start("dmf score");
    SparkSession session = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    Configuration conf = sc.hadoopConfiguration();
    DeepMatrixFactorizationModel loaded = load(session, conf).setColdStartStrategy(coldStart);
    try (AtomicOutputDirectory out = AtomicOutputDirectory.create(output.out, output.overwrite, conf)) {
      if (pairs != null) {
        // cached: read once for the check of their ids, not again for the predictions
        Dataset<Row> typed = readPairs(session, conf, loaded).persist(StorageLevel.MEMORY_AND_DISK());
        try {
          requireReadableIds(typed, loaded);
          loaded.transform(typed).write().option("header", "true").csv(out.path("predictions"));
        } finally {
          typed.unpersist();
        }
      }
      if (top != null) {
        Dataset<Row> ranked = loaded.recommendForAllUsers(top)
            .select(functions.col(loaded.getUserCol()), functions.posexplode(functions.col("recommendations")))
            .select(functions.col(loaded.getUserCol()), functions.col("pos").plus(1).as("rank"),
                functions.col("col." + loaded.getItemCol()).as(loaded.getItemCol()), functions.col("col.rating").as("prediction"));
        ranked.write().option("header", "true").csv(out.path("recommendations"));
      }
      RunRecord.current().writeTo(out, conf);
      out.commit();
      LOG.info("scores written to {}", out.target());
    }
    return 0;
  }

  /** The model in {@code --model}, told apart by what the directory holds. */
  private DeepMatrixFactorizationModel load(SparkSession session, Configuration conf) throws IOException {
    Path dir = new Path(model);
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir)) {
      throw new InputException(model, "no such model directory");
    }
    if (fs.exists(new Path(dir, "metadata"))) {
      return DeepMatrixFactorizationModel.load(model);
    }
    if (fs.exists(new Path(dir, ModelStore.factorFile(1)))) {
      return ModelStore.loadModel(session, model);
    }
    if (fs.exists(new Path(new Path(dir, "factors"), ModelStore.factorFile(1)))) {
      return ModelStore.loadModel(session, new Path(dir, "factors").toString());
    }
    throw new InputException(model, "not a model: expected an estimator model (metadata/) or the factors of"
        + " complete --ratings (" + ModelStore.factorFile(1) + ", here or in factors/)");
  }

  /** The pairs with the model's id columns, cast to the model's id types. */
  private Dataset<Row> readPairs(SparkSession session, Configuration conf, DeepMatrixFactorizationModel scorer)
      throws IOException {
    Path path = new Path(pairs);
    FileSystem fs = path.getFileSystem(conf);
    if (!fs.exists(path)) {
      throw new InputException(pairs, "no such file or directory");
    }
    Path first = firstFile(fs, path);
    Dataset<Row> raw;
    Column user;
    Column item;
    if (pairs.toLowerCase(Locale.ROOT).endsWith(".parquet") || first.getName().endsWith(".parquet")) {
      if (columns.size() != 2) {
        throw new IllegalArgumentException("--columns needs two names: user,item");
      }
      raw = session.read().parquet(pairs);
      for (String name : columns) {
        if (!List.of(raw.columns()).contains(name)) {
          throw new InputException(pairs, "no column '" + name + "' (columns: " + String.join(", ", raw.columns())
              + "); name the user and item columns with --columns");
        }
      }
      user = raw.col(columns.get(0));
      item = raw.col(columns.get(1));
    } else {
      raw = session.read().option("header", header).option("sep", separator(fs, first)).option("mode", "FAILFAST")
          .csv(pairs);
      if (raw.columns().length < 2) {
        throw new InputException(pairs, "needs at least two columns, user and item, separated by tabs or commas");
      }
      user = raw.col(raw.columns()[0]);
      item = raw.col(raw.columns()[1]);
    }
    return raw.select(user.cast(scorer.userIdType()).as(scorer.getUserCol()),
        item.cast(scorer.itemIdType()).as(scorer.getItemCol()));
  }

  /** Refuses pairs with an id that is empty or not of the model's type (the cast left it null). */
  private void requireReadableIds(Dataset<Row> typed, DeepMatrixFactorizationModel scorer) {
    long unreadable = typed.filter(functions.col(scorer.getUserCol()).isNull()
        .or(functions.col(scorer.getItemCol()).isNull())).count();
    if (unreadable > 0) {
      throw new InputException(pairs, unreadable + " pairs have an empty id or one that is not "
          + scorer.userIdType().simpleString() + " (users) / " + scorer.itemIdType().simpleString()
          + " (items) as in the model");
    }
  }

  /** Tab if the first line of the file has one, otherwise comma. */
  private String separator(FileSystem fs, Path file) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      String line = in.readLine();
      if (line == null) {
        throw new InputException(pairs, "empty: no pairs to score");
      }
      return line.contains("\t") ? "\t" : ",";
    }
  }

  /** The file itself, or the first data file of a directory (Spark's part files). */
  private Path firstFile(FileSystem fs, Path path) throws IOException {
    if (!fs.getFileStatus(path).isDirectory()) {
      return path;
    }
    for (FileStatus status : fs.listStatus(path)) {
      String name = status.getPath().getName();
      if (status.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
        return status.getPath();
      }
    }
    throw new InputException(pairs, "an empty directory: no pairs to score");
  }
}
