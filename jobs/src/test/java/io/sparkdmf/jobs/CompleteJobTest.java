package io.sparkdmf.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.data.CompletionProblem;
import io.sparkdmf.data.ModelStore;
import io.sparkdmf.data.StarRatings;
import io.sparkdmf.data.SyntheticCompletion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The complete job end to end, through the same entry point spark-submit calls. */
public class CompleteJobTest {
  private static final String SMALL = "n=30,rank=2,observed=300,test=100,seed=2";

  @TempDir Path dir;

  private static JsonNode metrics(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
  }

  private void assertNothingWritten() throws IOException {
    try (Stream<Path> left = Files.list(dir)) {
      List<Path> outputs = left.filter(p -> p.getFileName().toString().contains("out")).toList();
      assertEquals(List.of(), outputs, "a failed job must leave no output or staging directory");
    }
  }

  @Test
  void completesASyntheticMatrixAndWritesEveryResult() throws IOException {
    Path out = dir.resolve("out");
    int code = Main.run("complete", "--synthetic", SMALL, "--lr", "3e-3", "--max-steps", "20000",
        "--engine", "local", "--out", out.toString());
    assertEquals(0, code);

    JsonNode metrics = metrics(out);
    assertTrue(metrics.get("train_loss").asDouble() <= 1e-6);
    assertTrue(metrics.get("reconstruction_error").asDouble() < 1e-4);
    assertTrue(metrics.get("test_rmse").asDouble() < 1e-2);
    assertEquals("local", metrics.get("engine").asText());
    assertEquals("train_threshold", metrics.get("stop_reason").asText());
    int steps = metrics.get("steps").asInt();
    assertEquals(metrics.get("seconds").asDouble() / steps, metrics.get("seconds_per_step").asDouble(), 1e-12);
    assertTrue(metrics.get("blas").asText().length() > 0);

    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    assertEquals("step,train_loss,reconstruction_error,test_rmse,seconds,nuclear_norm,effective_rank,"
        + "sigma_1,sigma_2,sigma_3,sigma_4,sigma_5,sigma_6,sigma_7,sigma_8,sigma_9,sigma_10", history.get(0));
    // A rank-2 truth: the recovered W has an effective rank between 1 and 2.
    double effectiveRank = metrics.get("effective_rank").asDouble();
    assertTrue(effectiveRank > 1 && effectiveRank < 2.05, "effective rank " + effectiveRank);
    assertTrue(history.get(history.size() - 1).startsWith(steps + ","));

    // The saved factors reproduce the saved predictions.
    DeepFactorization model = ModelStore.load(out.resolve("factors").toString(), new Configuration());
    assertEquals(3, model.depth());
    Matrix w = model.endToEnd();
    List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
    assertEquals(101, predictions.size());
    for (String line : predictions.subList(1, predictions.size())) {
      String[] f = line.split(",");
      assertEquals(w.get(Integer.parseInt(f[0]), Integer.parseInt(f[1])), Double.parseDouble(f[3]), 1e-12);
    }
  }

  @ParameterizedTest(name = "--reg {0}")
  @ValueSource(strings = {"0", "0.05"})
  void everyEngineGivesTheSameRun(String reg) throws IOException {
    for (String engine : List.of("local", "spark", "blocked")) {
      assertEquals(0, Main.run("complete", "--synthetic", SMALL, "--max-steps", "30", "--reg", reg,
          "--engine", engine, "--parallelism", "3", "--out", dir.resolve(engine + reg).toString()));
    }
    JsonNode local = metrics(dir.resolve("local" + reg));
    double loss = local.get("train_loss").asDouble();
    for (String engine : List.of("spark", "blocked")) {
      JsonNode metrics = metrics(dir.resolve(engine + reg));
      assertEquals(engine, metrics.get("engine").asText());
      assertEquals(30, metrics.get("steps").asInt());
      assertEquals(loss, metrics.get("train_loss").asDouble(), 1e-10 * loss, engine);
    }
  }

  @Test
  void aRepeatedOptionTakesItsLastValue() throws IOException {
    Path out = dir.resolve("out");
    assertEquals(0, Main.run("complete", "--synthetic", SMALL, "--engine", "blocked", "--max-steps", "1000",
        "--engine", "local", "--max-steps", "30", "--out", out.toString()));
    JsonNode metrics = metrics(out);
    assertEquals("local", metrics.get("engine").asText());
    assertEquals(30, metrics.get("steps").asInt());
  }

  @Test
  void aResumedRunEndsWithTheFactorsOfAnUninterruptedOne() throws IOException {
    String checkpoints = dir.resolve("checkpoints").toString();
    String[] common = {"complete", "--synthetic", SMALL, "--engine", "blocked", "--parallelism", "2",
        "--optimizer", "adam", "--lr", "1e-2", "--checkpoint-every", "10"};
    assertEquals(0, Main.run(Args.concat(common, "--max-steps", "40", "--out", dir.resolve("whole").toString())));
    // a run that stopped at step 25, as if killed: its checkpoints of steps 10 and 20 remain
    assertEquals(0, Main.run(Args.concat(common, "--max-steps", "25", "--checkpoint-dir", checkpoints,
        "--out", dir.resolve("first").toString())));
    assertEquals(Main.EXIT_BAD_INPUT, Main.run(Args.concat(common, "--max-steps", "40", "--checkpoint-dir",
        checkpoints, "--out", dir.resolve("clash").toString())), "old checkpoints need --resume or --overwrite");
    assertEquals(0, Main.run(Args.concat(common, "--max-steps", "40", "--checkpoint-dir", checkpoints, "--resume",
        "--out", dir.resolve("resumed").toString())));
    assertEquals(20, metrics(dir.resolve("resumed")).get("resumed_from_step").asInt());
    for (int k = 1; k <= 3; k++) {
      String factor = "factors/W" + k + ".mtx";
      assertEquals(Files.readString(dir.resolve("whole").resolve(factor)),
          Files.readString(dir.resolve("resumed").resolve(factor)), factor);
    }

    Path state = Files.walk(dir.resolve("checkpoints")).filter(p -> p.endsWith("driver.state")).findFirst()
        .orElseThrow();
    byte[] bytes = Files.readAllBytes(state);
    bytes[bytes.length / 2] ^= 1;
    Files.write(state, bytes);
    Files.walk(dir.resolve("checkpoints")).filter(p -> p.endsWith("driver.state") && !p.equals(state))
        .forEach(p -> p.toFile().delete()); // leave only the damaged checkpoint readable
    assertEquals(Main.EXIT_BAD_INPUT, Main.run(Args.concat(common, "--max-steps", "60", "--checkpoint-dir",
        checkpoints, "--resume", "--out", dir.resolve("damaged").toString())), "a damaged checkpoint is refused");
  }

  @Test
  void readsEntryFilesWithHeldOutTestEntries() throws IOException {
    CompletionProblem problem = SyntheticCompletion.parse(SMALL).generate();
    Path train = dir.resolve("train.csv");
    Path test = dir.resolve("test.tsv");
    Files.writeString(train, "row,col,value\n" + lines(problem.train(), ","));
    Files.writeString(test, "row\tcol\tvalue\n" + lines(problem.test(), "\t"));
    Path out = dir.resolve("out");
    assertEquals(0, Main.run("complete", "--input", train.toString(), "--test", test.toString(),
        "--header", "--one-based", "--rows", "30", "--cols", "30", "--lr", "3e-3",
        "--max-steps", "20000", "--out", out.toString()));
    JsonNode metrics = metrics(out);
    assertTrue(metrics.get("test_rmse").asDouble() < 1e-2);
    assertFalse(metrics.has("reconstruction_error"), "no ground truth is known for files");
    assertEquals(300, metrics.get("observed").asInt());
  }

  @Test
  void readsRatingFilesWithAnyIdsAndWritesResultsWithThem() throws IOException {
    CompletionProblem problem = SyntheticCompletion.parse(SMALL).generate();
    Path train = Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n"
        + ratings(problem.train()));
    Path test = Files.writeString(dir.resolve("held-out.csv"), "user,item,rating,time\n" + ratings(problem.test()));
    Path out = dir.resolve("out");
    assertEquals(0, Main.run("complete", "--input", train.toString(), "--ratings", "--header",
        "--test", test.toString(), "--validation-fraction", "0", "--lr", "3e-3", "--max-steps", "20000", "--out",
        out.toString()));
    assertTrue(metrics(out).get("test_rmse").asDouble() < 1e-2);
    List<String> users = Files.readAllLines(out.resolve("factors/row_ids.txt"));
    assertEquals(30, users.size());
    assertEquals(users.stream().sorted().toList(), users, "rows are users in sorted id order");
    List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
    assertEquals("user,item,value,prediction", predictions.get(0));
    String[] first = predictions.get(1).split(",");
    assertEquals("u" + 7 * problem.test().row(0), first[0]);
    assertEquals("item-" + problem.test().col(0), first[1]);

    Path unseen = Files.writeString(dir.resolve("unseen.csv"), "user,item,rating\nstranger,item-0,1.0\n"
        + ratings(problem.test()));
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--input", train.toString(), "--ratings", "--header",
        "--test", unseen.toString(), "--cold-start", "error", "--out", dir.resolve("out2").toString()));
    // by default an unseen user's rating is left out of the evaluation, as ALS users evaluate
    Path dropped = dir.resolve("dropped");
    assertEquals(0, Main.run("complete", "--input", train.toString(), "--ratings", "--header",
        "--test", unseen.toString(), "--validation-fraction", "0", "--lr", "3e-3", "--max-steps", "200", "--out",
        dropped.toString()));
    assertEquals(problem.test().size() + 1, Files.readAllLines(dropped.resolve("predictions.csv")).size(),
        "a header and one line per test rating of known users and items");
    Path repeated = Files.writeString(dir.resolve("repeated.csv"), "a,b,1\nc,b,2\na,b,3\n");
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--input", repeated.toString(), "--ratings",
        "--out", dir.resolve("out3").toString()));
    assertFalse(Files.exists(dir.resolve("out2")) || Files.exists(dir.resolve("out3")));
  }

  @Test
  void ratingsFitWithNoTuningChoosesThePenaltyOnHeldOutRatings() throws IOException {
    StarRatings spec = new StarRatings(300, 400, 24_000, false, 0.1, 9);
    EntryBlock[] parts = spec.generateLocally();
    Path train = Files.writeString(dir.resolve("stars.tsv"), ratings(parts[0]));
    Path test = Files.writeString(dir.resolve("stars-test.tsv"), ratings(parts[1]));
    Path out = dir.resolve("out");
    assertEquals(0, Main.run("complete", "--ratings", "--input", train.toString(), "--test", test.toString(),
        "--out", out.toString()));
    JsonNode metrics = metrics(out);
    JsonNode stages = metrics.get("stages");
    assertTrue(stages.size() >= 3, "the penalty path runs until the held-out RMSE gets worse twice");
    double best = Double.POSITIVE_INFINITY;
    for (JsonNode stage : stages) {
      best = Math.min(best, stage.get("validation_rmse").asDouble());
    }
    assertEquals(best, metrics.get("validation_rmse").asDouble(), 0.0, "the best stage's model is the one kept");
    assertEquals(2, metrics.get("depth").asInt());
    double testRmse = metrics.get("test_rmse").asDouble();
    List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
    double squares = 0;
    for (String line : predictions.subList(1, predictions.size())) {
      String[] fields = line.split(",");
      squares += Math.pow(Double.parseDouble(fields[2]) - Double.parseDouble(fields[3]), 2);
    }
    assertEquals(testRmse, Math.sqrt(squares / (predictions.size() - 1)), 1e-9, "predictions.csv agrees");
    assertTrue(Files.readAllLines(out.resolve("history.csv")).size() > stages.size(), "every measurement recorded");
    String strangersItem = "item-" + parts[0].col(0);
    Path withStranger = Files.writeString(dir.resolve("stranger.csv"), "stranger," + strangersItem + ",4\n"
        + ratings(parts[1]));
    Path nan = dir.resolve("nan");
    assertEquals(0, Main.run("complete", "--ratings", "--input", train.toString(), "--test", withStranger.toString(),
        "--cold-start", "nan", "--out", nan.toString()));
    int droppedBefore = parts[1].size() - metrics.get("test_ratings").asInt();
    assertEquals(1 + droppedBefore, metrics(nan).get("cold_start_ratings").asInt(), "the stranger and those dropped");
    assertEquals(testRmse, metrics(nan).get("test_rmse").asDouble(), 1e-12, "the same fit, the same known ratings");
    assertTrue(Files.readAllLines(nan.resolve("predictions.csv")).contains("stranger," + strangersItem + ",4.0,NaN"));
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--ratings", "--input", train.toString(),
        "--validation-fraction", "1.5", "--out", dir.resolve("bad").toString()));
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--ratings", "--input", train.toString(),
        "--checkpoint-dir", dir.resolve("c").toString(), "--out", dir.resolve("bad").toString()));
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--input", train.toString(), "--reg", "auto",
        "--out", dir.resolve("bad").toString()));
    assertFalse(Files.exists(dir.resolve("bad")));
  }

  @Test
  void readsParquetRatings() throws IOException {
    CompletionProblem problem = SyntheticCompletion.parse(SMALL).generate();
    // the jobs share one session per JVM (getOrCreate), as they do under spark-submit
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    StructType schema = new StructType().add("uid", DataTypes.LongType).add("movie", DataTypes.StringType)
        .add("stars", DataTypes.FloatType);
    for (var part : List.of(Map.entry("train", problem.train()), Map.entry("test", problem.test()))) {
      List<Row> rows = new java.util.ArrayList<>();
      for (int e = 0; e < part.getValue().size(); e++) {
        rows.add(RowFactory.create(1000L + part.getValue().row(e), "m" + part.getValue().col(e),
            (float) part.getValue().value(e)));
      }
      spark.createDataFrame(rows, schema).write().parquet(dir.resolve(part.getKey() + ".parquet").toString());
    }
    Path out = dir.resolve("out");
    assertEquals(0, Main.run("complete", "--input", dir.resolve("train.parquet").toString(), "--parquet",
        "--rating-columns", "uid,movie,stars", "--test", dir.resolve("test.parquet").toString(),
        "--validation-fraction", "0", "--lr", "3e-3", "--max-steps", "20000", "--out", out.toString()));
    assertTrue(metrics(out).get("test_rmse").asDouble() < 1e-2, "float ratings: about 1e-7 of rounding");
    assertEquals(30, Files.readAllLines(out.resolve("factors/row_ids.txt")).size());
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--input", dir.resolve("train.parquet").toString(),
        "--parquet", "--out", dir.resolve("out2").toString()), "no column 'user'");
  }

  /** Ratings with string ids, user i as "u" + 7 i and item j as "item-" + j, and a timestamp. */
  @Test
  void biasesAreFittedFirstAndWrittenWithThePredictions() throws IOException {
    // star ratings around 3.5: the low-rank matrix plus a mean and a per-user offset
    CompletionProblem problem = SyntheticCompletion.parse(SMALL).generate();
    EntryBlock train = shifted(problem.train());
    EntryBlock test = shifted(problem.test());
    Path out = dir.resolve("out");
    assertEquals(0, Main.run("complete", "--input", Files.writeString(dir.resolve("r.csv"), ratings(train)).toString(),
        "--test", Files.writeString(dir.resolve("t.csv"), ratings(test)).toString(), "--ratings", "--biases",
        "--validation-fraction", "0", "--lr", "3e-3", "--max-steps", "20000", "--out", out.toString()));
    List<String> biases = Files.readAllLines(out.resolve("factors/biases.csv"));
    assertEquals("side,index,bias", biases.get(0));
    assertEquals(1 + 1 + 30 + 30, biases.size(), "header, mean, 30 rows, 30 columns");
    double mean = 0;
    for (int e = 0; e < train.size(); e++) {
      mean += train.value(e) / train.size();
    }
    assertTrue(biases.get(1).startsWith("mean,,"));
    assertEquals(mean, Double.parseDouble(biases.get(1).substring(6)), 1e-12);
    // the held-out RMSE was measured on residuals; predictions.csv holds the ratings and the predictions
    // with the biases added back, so the two agree only if the biases are in the predictions
    List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
    double squares = 0;
    for (String line : predictions.subList(1, predictions.size())) {
      String[] fields = line.split(",");
      squares += Math.pow(Double.parseDouble(fields[2]) - Double.parseDouble(fields[3]), 2);
    }
    double rmse = metrics(out).get("test_rmse").asDouble();
    assertEquals(rmse, Math.sqrt(squares / test.size()), 1e-9 * rmse);
    assertTrue(metrics(out).get("train_loss").asDouble() <= 1e-6, "trained to the threshold on the residuals");
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--synthetic", SMALL, "--biases",
        "--out", dir.resolve("out2").toString()));
  }

  private static EntryBlock shifted(EntryBlock block) {
    double[] values = new double[block.size()];
    for (int e = 0; e < values.length; e++) {
      values[e] = 3.5 + 0.2 * (block.row(e) % 4) + block.value(e);
    }
    return block.withValues(values);
  }

  private static String ratings(EntryBlock block) {
    StringBuilder text = new StringBuilder();
    for (int e = 0; e < block.size(); e++) {
      text.append("u").append(7 * block.row(e)).append(',').append("item-").append(block.col(e)).append(',')
          .append(block.value(e)).append(",1700000000\n");
    }
    return text.toString();
  }

  /** One-based lines of a block (shared with {@link HdfsTest}). */
  public static String lines(EntryBlock block, String separator) {
    StringBuilder text = new StringBuilder();
    for (int e = 0; e < block.size(); e++) {
      text.append(block.row(e) + 1).append(separator).append(block.col(e) + 1).append(separator)
          .append(block.value(e)).append('\n');
    }
    return text.toString();
  }

  @Test
  void badInputStopsBeforeTrainingAndLeavesNothing() throws IOException {
    Path input = Files.writeString(dir.resolve("bad.txt"), "0 0 1.0\n0 1 2.0\n0 0 3.0\n");
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--input", input.toString(),
        "--out", dir.resolve("out").toString()));
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--input", dir.resolve("missing.txt").toString(),
        "--out", dir.resolve("out").toString()));
    assertNothingWritten();
  }

  @Test
  void badOptionsAreUsageErrors() throws IOException {
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--synthetic", SMALL));
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--synthetic", SMALL, "--depth", "0",
        "--out", dir.resolve("out").toString()));
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--synthetic", SMALL, "--optimizer", "sgdx",
        "--out", dir.resolve("out").toString()));
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--out", dir.resolve("out").toString()));
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--synthetic", SMALL, "--reg", "-1",
        "--out", dir.resolve("out").toString()));
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--synthetic", SMALL, "--reg", "0.1", "--depth", "1",
        "--out", dir.resolve("out").toString()));
    assertNothingWritten();
  }

  @Test
  void divergenceFailsTheJobAndLeavesNothing() throws IOException {
    assertEquals(Main.EXIT_DIVERGED, Main.run("complete", "--synthetic", SMALL, "--optimizer", "gd",
        "--lr", "1e6", "--init-scale", "1", "--out", dir.resolve("out").toString()));
    assertNothingWritten();
  }
}
