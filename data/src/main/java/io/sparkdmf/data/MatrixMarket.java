package io.sparkdmf.data;

import io.sparkdmf.core.linalg.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * Dense matrices in the Matrix Market "array real general" format: a banner, comment lines, the
 * size, then every value column by column, one per line, printed so they read back bit for bit.
 * scipy.io.mmread, MATLAB and R read it as it is.
 */
public final class MatrixMarket {
  private static final String BANNER = "%%MatrixMarket matrix array real general";

  private MatrixMarket() {}

  public static void write(Matrix matrix, String comment, Writer out) throws IOException {
    out.write(BANNER + "\n");
    out.write("% " + comment + "\n");
    out.write(matrix.rows() + " " + matrix.cols() + "\n");
    for (double value : matrix.data()) {
      out.write(Double.toString(value));
      out.write('\n');
    }
  }

  /** The most values a factor file may hold (an int-indexed array). */
  private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

  /** @param source names the file in error messages */
  public static Matrix read(BufferedReader in, String source) throws IOException {
    String banner = in.readLine();
    if (banner == null || !banner.trim().equalsIgnoreCase(BANNER)) {
      throw new InputException(source, 1, "not a dense Matrix Market file (expected '" + BANNER + "')");
    }
    long lineNumber = 1;
    String line;
    do {
      line = in.readLine();
      lineNumber++;
    } while (line != null && line.startsWith("%"));
    if (line == null) {
      throw new InputException(source, lineNumber, "missing the 'rows cols' size line");
    }
    String[] size = line.trim().split("\\s+");
    int rows;
    int cols;
    try {
      rows = Integer.parseInt(size[0]);
      cols = Integer.parseInt(size[1]);
    } catch (RuntimeException e) {
      throw new InputException(source, lineNumber, "expected 'rows cols' but found '" + line + "'");
    }
    long declared = (long) rows * cols;
    if (rows < 1 || cols < 1 || declared > MAX_VALUES) {
      throw new InputException(source, lineNumber, "size " + rows + " x " + cols + " is not a matrix this reader"
          + " takes (each side at least 1, at most " + MAX_VALUES + " values)");
    }
    // grown as values arrive, so a file that declares a huge size but holds little costs little
    double[] values = new double[(int) Math.min(declared, 1 << 16)];
    for (int k = 0; k < declared; k++) {
      line = in.readLine();
      lineNumber++;
      if (line == null) {
        throw new InputException(source, lineNumber,
            "file ends after " + k + " of " + declared + " values");
      }
      if (k == values.length) {
        values = Arrays.copyOf(values, (int) Math.min(declared, 2L * values.length));
      }
      try {
        values[k] = Double.parseDouble(line.trim());
      } catch (NumberFormatException e) {
        throw new InputException(source, lineNumber, "value '" + line.trim() + "' is not a number");
      }
      if (!Double.isFinite(values[k])) {
        throw new InputException(source, lineNumber, "value '" + line.trim() + "' is not finite");
      }
    }
    return new Matrix(rows, cols, values);
  }
}
