package io.sparkdmf.data;

import io.sparkdmf.core.EnumNames;
import io.sparkdmf.core.linalg.DataMatrix;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.linalg.SparseMatrix;
import io.sparkdmf.core.multiview.BadViewException;
import io.sparkdmf.core.multiview.MultiViewData;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Sparse;

/**
 * Reads the views of a multi-view data set: one CSV per view (rows = samples, comma, tab, semicolon
 * or space separated, an optional header line and label column), a labels file (one integer per
 * line), or a MATLAB v5 {@code .mat} file (compressed or not) holding a cell array of views, dense or
 * sparse, of any numeric type, through the MFL library. Views and labels are checked by
 * {@link MultiViewData}; parse errors name the file and line.
 */
public final class MultiViewReader {
  private static final Logger LOG = LoggerFactory.getLogger(MultiViewReader.class);
  /** Where a view file keeps the labels, if anywhere. */
  public enum LabelColumn {
    NONE, FIRST, LAST;

    public static LabelColumn parse(String name) {
      return EnumNames.parse(LabelColumn.class, name, "label column");
    }
  }

  /** Names tried, in order, for the views and the labels in a .mat file when none is given. */
  private static final List<String> VIEW_NAMES = List.of("X", "data", "fea", "views");
  private static final List<String> LABEL_NAMES = List.of("Y", "y", "gt", "truth", "labels", "gnd");
  /** Largest number of matrix elements a .mat view may declare (guards against huge declared sizes). */
  private static final long MAX_ELEMENTS = 1L << 28;

  private MultiViewReader() {}

  /**
   * @param labels a file of labels, or null
   * @param labelColumn the column of the view files that holds labels (taken from the first file)
   */
  public static MultiViewData readCsv(List<Path> files, boolean header, LabelColumn labelColumn, Path labels)
      throws IOException {
    List<String> names = new ArrayList<>();
    List<DataMatrix> views = new ArrayList<>();
    int[] fileLabels = null;
    int[] givenLabels = labels != null ? readLabels(labels) : null;
    for (Path file : files) {
      List<double[]> rows = new ArrayList<>();
      List<Integer> rowLabels = new ArrayList<>();
      int expected = -1;
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
          number++;
          String trimmed = line.trim();
          if (trimmed.isEmpty() || (header && number == 1)) {
            continue;
          }
          String[] fields = EntryFormat.SEPARATORS.split(trimmed);
          if (expected < 0) {
            if (!header && isColumnIndexHeader(fields)) {
              throw new InputException(file.toString(), number, "the first row is 0, 1, ..., "
                  + (fields.length - 1) + ": a header of column indices, not a sample; give --header");
            }
            expected = fields.length;
          } else if (fields.length != expected) {
            throw new InputException(file.toString(), number, fields.length + " fields, expected " + expected
                + " like the first row");
          }
          int from = labelColumn == LabelColumn.FIRST ? 1 : 0;
          int to = labelColumn == LabelColumn.LAST ? fields.length - 1 : fields.length;
          if (to - from < 1) {
            throw new InputException(file.toString(), number, "no feature columns");
          }
          double[] row = new double[to - from];
          for (int j = from; j < to; j++) {
            row[j - from] = number(fields[j], file, number);
          }
          rows.add(row);
          if (labelColumn != LabelColumn.NONE) {
            rowLabels.add(label(fields[labelColumn == LabelColumn.FIRST ? 0 : fields.length - 1], file, number));
          }
        }
      }
      if (rows.isEmpty()) {
        throw new InputException(file.toString(), "no samples");
      }
      Matrix view = Matrix.zeros(rows.size(), rows.get(0).length);
      for (int i = 0; i < rows.size(); i++) {
        for (int j = 0; j < rows.get(i).length; j++) {
          view.set(i, j, rows.get(i)[j]);
        }
      }
      if (!views.isEmpty() && view.rows() != views.get(0).rows()) {
        throw new InputException(file.toString(), view.rows() + " samples, but " + files.get(0) + " has "
            + views.get(0).rows() + ": row i of every view must be sample i");
      }
      if (labelColumn == LabelColumn.NONE) {
        LabelLeak.check(view, givenLabels, file.toString());
      }
      names.add(stem(file));
      views.add(view);
      if (fileLabels == null && labelColumn != LabelColumn.NONE) {
        fileLabels = rowLabels.stream().mapToInt(Integer::intValue).toArray();
      }
    }
    int[] finalLabels = givenLabels != null ? givenLabels : fileLabels;
    return checked(names, views, finalLabels, files.stream().map(Path::toString).toList());
  }

  /** One integer label per line (blank lines skipped, an optional non-numeric header line). */
  public static int[] readLabels(Path file) throws IOException {
    List<Integer> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String trimmed = lines.get(i).trim();
      if (trimmed.isEmpty() || (i == 0 && !trimmed.matches("[-+0-9.eE]+"))) {
        continue;
      }
      out.add(label(trimmed, file, i + 1));
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The cell array {@code viewsVariable} (or the first of X, data, fea, views) of a .mat file, each
   * cell a view. Views are samples x features; if the cells agree on their column count but not on
   * their row count they are taken as features x samples and transposed.
   */
  public static MultiViewData readMat(Path file, String viewsVariable, String labelsVariable) throws IOException {
    return readMat(file, viewsVariable, labelsVariable, null);
  }

  /** The same, with labels given from elsewhere (they replace any in the file and settle each view's orientation). */
  public static MultiViewData readMat(Path file, String viewsVariable, String labelsVariable, int[] givenLabels)
      throws IOException {
    MatFile mat;
    try {
      mat = Mat5.readFromFile(file.toFile());
    } catch (RuntimeException | IOException e) {
      throw new InputException(file.toString(), "not a readable MATLAB v5 .mat file (" + e.getMessage() + ")");
    }
    try {
      String name = viewsVariable != null ? viewsVariable : firstPresent(mat, VIEW_NAMES, file, "views");
      Array found = variable(mat, name, file);
      if (found.getType() != MatlabType.Cell) {
        throw new InputException(file.toString(), "variable '" + name + "' is a " + found.getType()
            + ", expected a cell array of views");
      }
      Cell cell = (Cell) found;
      List<DataMatrix> views = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int c = 0; c < cell.getNumElements(); c++) {
        views.add(view(cell.get(c), file, name + "{" + (c + 1) + "}"));
        names.add(name + "{" + (c + 1) + "}");
      }
      if (views.isEmpty()) {
        throw new InputException(file.toString(), "cell array '" + name + "' is empty");
      }
      int[] labels = givenLabels;
      String labelName = labelsVariable != null ? labelsVariable : firstPresentOrNull(mat, LABEL_NAMES);
      if (labels == null && labelName != null) {
        Matrix y = matrix(variable(mat, labelName, file), file, labelName);
        labels = new int[y.data().length];
        for (int i = 0; i < labels.length; i++) {
          double value = y.data()[i];
          if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new InputException(file.toString(), "label " + (i + 1) + " in '" + labelName + "' is " + value
                + ", not an integer");
          }
          labels[i] = (int) value;
        }
      }
      return checked(names, samplesAsRows(views, labels, file, names), labels,
          Collections.nCopies(views.size(), file.toString()));
    } finally {
      mat.close();
    }
  }

  /**
   * The views with samples as rows. MATLAB users store views samples x features or features x samples:
   * with labels, a view whose columns (not rows) match their count is transposed; without, views that
   * share a column count but not a row count are. A view that still disagrees is an error with the hint.
   * Without labels, views that agree but all have more features than samples get a warning: that is also
   * how a file of transposed views of equal width looks (text views have more words than documents too).
   */
  private static List<DataMatrix> samplesAsRows(List<DataMatrix> views, int[] labels, Path file,
      List<String> names) {
    List<DataMatrix> out = new ArrayList<>(views);
    if (labels != null) {
      for (int v = 0; v < out.size(); v++) {
        if (out.get(v).rows() != labels.length && out.get(v).cols() == labels.length) {
          out.set(v, out.get(v).transpose());
          LOG.info("{}: {} is {} x {}; read as features x samples to match the {} labels", file, names.get(v),
              views.get(v).rows(), views.get(v).cols(), labels.length);
        }
      }
    } else if (out.stream().mapToInt(DataMatrix::rows).distinct().count() > 1
        && out.stream().mapToInt(DataMatrix::cols).distinct().count() == 1) {
      out = out.stream().map(DataMatrix::transpose).toList();
    }
    int n = out.get(0).rows();
    for (int v = 1; v < out.size(); v++) {
      if (out.get(v).rows() != n && out.get(v).cols() == n) {
        throw new InputException(file.toString(), names.get(v) + " is " + out.get(v).rows() + " x "
            + out.get(v).cols() + " but " + names.get(0) + " has " + n + " samples: if " + names.get(v)
            + " is stored features x samples, transpose it (or give the labels, which settle it)");
      }
    }
    if (labels == null && out.stream().allMatch(view -> view.cols() > view.rows())) {
      LOG.warn("{}: every view has more features than samples ({} samples); if the views are stored features x"
          + " samples, transpose them or give the labels", file, n);
    }
    return out;
  }

  private static Array variable(MatFile mat, String name, Path file) {
    try {
      return mat.getArray(name);
    } catch (RuntimeException e) {
      throw new InputException(file.toString(), "no variable '" + name + "'");
    }
  }

  private static String firstPresent(MatFile mat, List<String> names, Path file, String what) {
    String found = firstPresentOrNull(mat, names);
    if (found == null) {
      throw new InputException(file.toString(), "no " + what + " variable (looked for " + String.join(", ", names)
          + "); name it with --views-variable");
    }
    return found;
  }

  private static String firstPresentOrNull(MatFile mat, List<String> names) {
    for (String name : names) {
      for (var entry : mat.getEntries()) {
        if (entry.getName().equals(name)) {
          return name;
        }
      }
    }
    return null;
  }

  /** A view: sparse when MATLAB stores it sparse (text views stay sparse end to end), else dense. */
  private static DataMatrix view(Array array, Path file, String name) {
    if (!(array instanceof Sparse sparse) || sparse.isComplex()) {
      return matrix(array, file, name);
    }
    int count = sparse.getNumNonZero();
    int[] rows = new int[count];
    int[] cols = new int[count];
    double[] values = new double[count];
    int[] at = {0};
    sparse.forEach((i, j, real, imaginary) -> {
      rows[at[0]] = i;
      cols[at[0]] = j;
      values[at[0]++] = real;
    });
    return SparseMatrix.fromTriplets(sparse.getNumRows(), sparse.getNumCols(), Arrays.copyOf(rows, at[0]),
        Arrays.copyOf(cols, at[0]), Arrays.copyOf(values, at[0]));
  }

  private static Matrix matrix(Array array, Path file, String name) {
    if (!(array instanceof us.hebi.matlab.mat.types.Matrix m)) {
      throw new InputException(file.toString(), "'" + name + "' is a " + array.getType() + ", expected a numeric matrix");
    }
    if (m.isComplex()) {
      throw new InputException(file.toString(), "'" + name + "' is complex; views and labels must be real (take"
          + " real() or abs() in MATLAB first)");
    }
    int rows = m.getNumRows();
    int cols = m.getNumCols();
    if ((long) rows * cols > MAX_ELEMENTS || m.getNumDimensions() > 2) {
      throw new InputException(file.toString(), "'" + name + "' declares " + Arrays.toString(m.getDimensions())
          + " elements, more than this reader takes");
    }
    Matrix out = Matrix.zeros(rows, cols);
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) {
        out.set(i, j, m.getDouble(i, j));
      }
    }
    return out;
  }

  /** The views checked; a problem with one view is reported against that view's file. */
  private static MultiViewData checked(List<String> names, List<DataMatrix> views, int[] labels,
      List<String> sources) {
    try {
      return new MultiViewData(names, views, labels);
    } catch (IllegalArgumentException e) {
      throw new InputException(e instanceof BadViewException bad ? sources.get(bad.view()) : sources.get(0),
          e.getMessage());
    }
  }

  /** A first row that reads 0, 1, ..., d-1: the column-index header that pandas and mvlearn write. */
  private static boolean isColumnIndexHeader(String[] fields) {
    if (fields.length < 2) {
      return false;
    }
    for (int j = 0; j < fields.length; j++) {
      try {
        if (Double.parseDouble(fields[j]) != j) {
          return false;
        }
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return true;
  }

  private static double number(String field, Path file, int line) {
    try {
      return Double.parseDouble(field);
    } catch (NumberFormatException e) {
      throw new InputException(file.toString(), line, "'" + EntryFormat.abbreviate(field) + "' is not a number");
    }
  }

  private static int label(String field, Path file, int line) {
    double value = number(field, file, line);
    if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
      throw new InputException(file.toString(), line, "label '" + EntryFormat.abbreviate(field) + "' is not an integer");
    }
    return (int) value;
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
