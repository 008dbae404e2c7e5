package io.sparkdmf.jobs;

import io.sparkdmf.core.multiview.MultiViewData;
import io.sparkdmf.data.MultiViewReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How view CSV files are read, the same for {@code cluster} and {@code experiment multiview}: plain
 * numeric rows unless told otherwise. A first row 0, 1, ..., d-1 without {@code --header} is refused,
 * and a label column read as a feature is refused or warned about (see the data module's readers).
 */
public final class ViewCsvOptions {
  @Option(names = "--header", description = "The view CSVs start with a header line (default: no header).")
  boolean header;

  @Option(names = "--label-column", defaultValue = "none",
      description = "Column of the view CSVs holding the labels: none, first or last (default: ${DEFAULT-VALUE}).")
  String labelColumn;

  /** Files with a header line and the labels in the last column, as the bundled uci-mfeat CSVs are. */
  public static ViewCsvOptions headerAndLastLabelColumn() {
    ViewCsvOptions options = new ViewCsvOptions();
    options.header = true;
    options.labelColumn = "last";
    return options;
  }

  /** The views in {@code files}; labels from {@code labels} if given, else from the label column. */
  public MultiViewData read(List<Path> files, Path labels) throws IOException {
    return MultiViewReader.readCsv(files, header, MultiViewReader.LabelColumn.parse(labelColumn), labels);
  }
}
