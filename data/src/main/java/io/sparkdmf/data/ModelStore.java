package io.sparkdmf.data;

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
