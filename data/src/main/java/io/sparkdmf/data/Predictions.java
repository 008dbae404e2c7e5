package io.sparkdmf.data;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.FactorPanels;
import io.sparkdmf.core.model.DeepFactorization;
import java.io.IOException;
import java.io.Writer;

/** Writes a model's predictions beside the known values: CSV {@code row,col,value,prediction}, 0-based. */
public final class Predictions {
  private Predictions() {}

  public static void writeCsv(DeepFactorization model, EntryBlock entries, Writer out) throws IOException {
    FactorPanels panels = CompletionObjective.panels(model);
    out.write("row,col,value,prediction\n");
    for (int e = 0; e < entries.size(); e++) {
      int i = entries.row(e);
      int j = entries.col(e);
      out.write(i + "," + j + "," + entries.value(e) + "," + panels.predict(i, j) + "\n");
    }
  }
}
