package io.sparkdmf.data;

import io.sparkdmf.core.completion.EntryBlock;
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
    writeCsv(model, entries, null, null, out);
  }

  /** @param rowIds the id of each row (null: write indices), likewise {@code colIds} */
  public static void writeCsv(DeepFactorization model, EntryBlock entries, List<String> rowIds, List<String> colIds,
      Writer out) throws IOException {
    FactorPanels panels = CompletionObjective.panels(model);
    out.write(rowIds == null ? "row,col,value,prediction\n" : "user,item,value,prediction\n");
    for (int e = 0; e < entries.size(); e++) {
      int i = entries.row(e);
      int j = entries.col(e);
      out.write((rowIds == null ? Integer.toString(i) : rowIds.get(i)) + ","
          + (colIds == null ? Integer.toString(j) : colIds.get(j)) + ","
          + entries.value(e) + "," + panels.predict(i, j) + "\n");
    }
  }

  /** One id per line, line k for index k. */
  public static void writeIds(List<String> ids, Writer out) throws IOException {
    for (String id : ids) {
      out.write(id + "\n");
    }
  }
}
