package io.sparkdmf.data;

import io.sparkdmf.core.bias.RatingBiases;
import io.sparkdmf.ml.DeepMatrixFactorizationModel;
import org.apache.spark.sql.SparkSession;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Saves and reloads a model as a directory of factors: {@code W1.mtx} .. {@code WN.mtx}, W_k of size
 * d_k x d_{k-1} in dense Matrix Market format, with W = W_N ... W_1. The number of files is the depth.
 */
public final class ModelStore {
  private ModelStore() {}

  public static String factorFile(int k) {
    return "W" + k + ".mtx";
  }

  /** Writes the factors under {@code directory} (relative to the output's staging directory). */
  public static void save(DeepFactorization model, AtomicOutputDirectory out, String directory)
      throws IOException {
    for (int k = 1; k <= model.depth(); k++) {
      try (Writer writer = out.newFile(directory + "/" + factorFile(k))) {
        MatrixMarket.write(model.factor(k),
            "factor W_" + k + " of a depth-" + model.depth() + " spark-dmf model, W = W_N ... W_1", writer);
      }
    }
  }

  /**
   * Writes what makes the factors a model of ratings beside them under {@code directory}: the ids in
   * index order (either may be null: entries without ids) and the biases (null: none fitted).
   */
  public static void saveRatingParts(List<String> rowIds, List<String> colIds, RatingBiases biases,
      AtomicOutputDirectory out, String directory) throws IOException {
    if (rowIds != null) {
      try (Writer writer = out.newFile(directory + "/" + ROW_IDS)) {
        Predictions.writeIds(rowIds, writer);
      }
      try (Writer writer = out.newFile(directory + "/" + COL_IDS)) {
        Predictions.writeIds(colIds, writer);
      }
    }
    if (biases != null) {
      try (Writer writer = out.newFile(directory + "/" + BIASES)) {
        Predictions.writeBiases(biases, writer);
      }
    }
  }

  /** The files beside the factors that make a model of ratings: ids in index order, and the biases if fitted. */
  public static final String ROW_IDS = "row_ids.txt";
  public static final String COL_IDS = "col_ids.txt";
  public static final String BIASES = "biases.csv";

  /**
   * A model written by {@code dmf complete --ratings} (its {@code factors} directory: W1.mtx .., the ids,
   * the biases) as the Spark ML model the estimator fits, which predicts, recommends and saves as any other.
   * Ids are integers when every id of both files is one, strings otherwise (as the estimator holds them).
   */
  public static DeepMatrixFactorizationModel loadModel(SparkSession session, String directory) throws IOException {
    Configuration conf = session.sparkContext().hadoopConfiguration();
    DeepFactorization factors = load(directory, conf);
    Path dir = new Path(directory);
    FileSystem fs = dir.getFileSystem(conf);
    List<String> users = lines(fs, new Path(dir, ROW_IDS));
    List<String> items = lines(fs, new Path(dir, COL_IDS));
    RatingBiases biases = fs.exists(new Path(dir, BIASES)) ? biases(fs, new Path(dir, BIASES), users.size(), items.size())
        : null;
    String uid = "dmf-" + dir.getName();
    long[] userNumbers = integers(users);
    long[] itemNumbers = integers(items);
    return userNumbers != null && itemNumbers != null
        ? DeepMatrixFactorizationModel.fromFactors(uid, session, factors, biases, userNumbers, itemNumbers)
        : DeepMatrixFactorizationModel.fromFactors(uid, session, factors, biases, users.toArray(String[]::new),
            items.toArray(String[]::new));
  }

  /** The ids as longs, or null when one is not an integer. */
  private static long[] integers(List<String> ids) {
    long[] out = new long[ids.size()];
    for (int k = 0; k < out.length; k++) {
      try {
        out[k] = Long.parseLong(ids.get(k).trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return out;
  }

  private static List<String> lines(FileSystem fs, Path file) throws IOException {
    if (!fs.exists(file)) {
      throw new InputException(file.toString(), "missing: a model of ratings has " + ROW_IDS + " and " + COL_IDS
          + " beside its factors");
    }
    try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      return in.lines().toList();
    }
  }

  /** The biases as {@link Predictions#writeBiases} writes them. */
  private static RatingBiases biases(FileSystem fs, Path file, int rows, int cols) throws IOException {
    List<String> lines = lines(fs, file);
    double mean = Double.NaN;
    double[] row = new double[rows];
    double[] col = new double[cols];
    for (int k = 1; k < lines.size(); k++) {
      String[] fields = lines.get(k).split(",", -1);
      try {
        double value = Double.parseDouble(fields[2]);
        switch (fields[0]) {
          case "mean" -> mean = value;
          case "row" -> row[Integer.parseInt(fields[1])] = value;
          case "col" -> col[Integer.parseInt(fields[1])] = value;
          default -> throw new NumberFormatException("side '" + fields[0] + "'");
        }
      } catch (RuntimeException e) {
        throw new InputException(file.toString(), k + 1, "not a bias line 'mean,,b', 'row,i,b' or 'col,j,b': "
            + e.getMessage());
      }
    }
    return new RatingBiases(mean, row, col);
  }

  public static DeepFactorization load(String directory, Configuration conf) throws IOException {
    Path dir = new Path(directory);
    FileSystem fs = dir.getFileSystem(conf);
    List<Matrix> factors = new ArrayList<>();
    for (int k = 1; fs.exists(new Path(dir, factorFile(k))); k++) {
      Path file = new Path(dir, factorFile(k));
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
        factors.add(MatrixMarket.read(in, file.toString()));
      }
    }
    if (factors.isEmpty()) {
      throw new InputException(directory, "no factor files (" + factorFile(1) + " ...) found");
    }
    return new DeepFactorization(factors);
  }
}
