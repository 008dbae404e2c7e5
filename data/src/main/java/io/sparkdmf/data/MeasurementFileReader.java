package io.sparkdmf.data;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.sensing.MeasurementBlock;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Reads linear measurements of an m x n matrix: one per line, {@code y a_1 ... a_mn}, the value and
 * then the operator A_k in column-major order (vec(A_k)), separated by commas, tabs, semicolons or
 * spaces; '#'/'%' comment lines and blank lines skipped; an optional header line. Everything is
 * checked before training; the first problem in file order is an {@link InputException} with the
 * file and line. The measurements are collected on the driver in blocks, as the sensing job holds them.
 */
public final class MeasurementFileReader {
  private final JavaSparkContext sc;
  private final int rows;
  private final int cols;
  private final boolean header;

  public MeasurementFileReader(JavaSparkContext sc, int rows, int cols, boolean header) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("measurement files need the matrix size: --rows and --cols");
    }
    this.sc = sc;
    this.rows = rows;
    this.cols = cols;
    this.header = header;
  }

  /** One line: its number and either a measurement (value first) or the problem with it; null for no data. */
  private record Line(long number, double[] measurement, String problem) implements Serializable {}

  public List<MeasurementBlock> read(String pathOrGlob) {
    int width = rows * cols + 1;
    List<double[]> measurements = new ArrayList<>();
    for (String file : InputFiles.list(sc.hadoopConfiguration(), pathOrGlob)) {
      boolean skipFirst = header;
      List<Line> lines = sc.textFile(file).zipWithIndex()
          .map(t -> parse(t._1, t._2 + 1, width, skipFirst))
          .filter(line -> line.measurement() != null || line.problem() != null)
          .collect();
      for (Line line : lines) {
        if (line.problem() != null) {
          throw new InputException(InputFiles.displayName(file), line.number(), line.problem());
        }
        measurements.add(line.measurement());
      }
    }
    if (measurements.isEmpty()) {
      throw new InputException(pathOrGlob, "no measurements found (only blank or comment lines)");
    }
    return blocks(measurements);
  }

  private static Line parse(String text, long number, int width, boolean header) {
    String trimmed = text.strip();
    if ((header && number == 1) || EntryFormat.holdsNoData(trimmed)) {
      return new Line(number, null, null);
    }
    String[] fields = EntryFormat.SEPARATORS.split(trimmed);
    if (fields.length != width) {
      return new Line(number, null, "expected " + width + " fields (the value, then the m n = " + (width - 1)
          + " entries of the operator) but found " + fields.length);
    }
    double[] values = new double[width];
    for (int f = 0; f < width; f++) {
      try {
        values[f] = Double.parseDouble(fields[f]);
      } catch (NumberFormatException e) {
        return new Line(number, null, "field " + (f + 1) + " '" + EntryFormat.abbreviate(fields[f]) + "' is not a number");
      }
      if (!Double.isFinite(values[f])) {
        return new Line(number, null, "field " + (f + 1) + " '" + fields[f] + "' is not finite");
      }
    }
    return new Line(number, values, null);
  }

  private List<MeasurementBlock> blocks(List<double[]> measurements) {
    int size = rows * cols;
    List<MeasurementBlock> blocks = new ArrayList<>();
    for (int from = 0; from < measurements.size(); from += SyntheticSensing.BLOCK_SIZE) {
      int count = Math.min(SyntheticSensing.BLOCK_SIZE, measurements.size() - from);
      Matrix operators = Matrix.zeros(size, count);
      double[] values = new double[count];
      for (int k = 0; k < count; k++) {
        double[] line = measurements.get(from + k);
        values[k] = line[0];
        System.arraycopy(line, 1, operators.data(), k * size, size);
      }
      blocks.add(new MeasurementBlock(operators, values));
    }
    return blocks;
  }
}
