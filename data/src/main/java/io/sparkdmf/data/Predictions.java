package io.sparkdmf.data;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.bias.RatingBiases;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.FactorPanels;
import io.sparkdmf.core.model.DeepFactorization;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes a model's predictions beside the known values: CSV {@code row,col,value,prediction} with
 * 0-based indices, or {@code user,item,value,prediction} with the original ids of rating data.
 */
public final class Predictions {
  private Predictions() {}

  public static void writeCsv(DeepFactorization model, EntryBlock entries, Writer out) throws IOException {
    writeCsv(model, entries, null, null, null, out);
  }

  /** @param rowIds the id of each row (null: write indices), likewise {@code colIds} */
  /** @param biases added to the factors' predictions, or null when the model has none */
  public static void writeCsv(DeepFactorization model, EntryBlock entries, List<String> rowIds, List<String> colIds,
      RatingBiases biases, Writer out) throws IOException {
    FactorPanels panels = CompletionObjective.panels(model);
    out.write(rowIds == null ? "row,col,value,prediction\n" : "user,item,value,prediction\n");
    for (int e = 0; e < entries.size(); e++) {
      int i = entries.row(e);
      int j = entries.col(e);
      out.write((rowIds == null ? Integer.toString(i) : rowIds.get(i)) + ","
          + (colIds == null ? Integer.toString(j) : colIds.get(j)) + ","
          + entries.value(e) + "," + (panels.predict(i, j) + (biases == null ? 0 : biases.predict(i, j))) + "\n");
    }
  }

  /**
   * The biases as CSV {@code side,index,bias}: one {@code mean} row, then a {@code row} row per row
   * (user) and a {@code col} row per column (item), indices 0-based as in the factors.
   */
  public static void writeBiases(RatingBiases biases, Writer out) throws IOException {
    out.write("side,index,bias\n");
    out.write("mean,," + biases.mean() + "\n");
    for (int i = 0; i < biases.rowBias().length; i++) {
      out.write("row," + i + "," + biases.rowBias()[i] + "\n");
    }
    for (int j = 0; j < biases.colBias().length; j++) {
      out.write("col," + j + "," + biases.colBias()[j] + "\n");
    }
  }

  /** Rows {@code user,item,value,NaN} for held-out ratings the model cannot predict, after {@link #writeCsv}. */
  public static void writeUnseen(List<RatingFileReader.UnseenRating> unseen, Writer out) throws IOException {
    for (RatingFileReader.UnseenRating r : unseen) {
      out.write(r.user() + "," + r.item() + "," + r.value() + ",NaN\n");
    }
  }

  /** One id per line, line k for index k. */
  public static void writeIds(List<String> ids, Writer out) throws IOException {
    for (String id : ids) {
      out.write(id + "\n");
    }
  }
}
