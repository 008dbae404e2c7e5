package io.sparkdmf.data;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * How an entry file is written: one {@code row col value} per line, separated by commas, tabs,
 * semicolons or spaces; blank lines and lines starting with '#' or '%' are skipped; an optional
 * header line; 0- or 1-based indices. When the matrix size is given, indices beyond it are errors.
 */
public record EntryFormat(boolean header, boolean oneBased, int rows, int cols) implements Serializable {
  /** What separates fields in every text input: commas, tabs, semicolons or spaces. */
  static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");

  /** Size unknown: it is taken from the largest indices seen. */
  public static final int UNKNOWN = -1;

  /** One parsed line: 0-based indices and the value. */
  public record Entry(int row, int col, double value) {}

  /**
   * Parses one line.
   *
   * @return null for a line that holds no entry (blank, comment)
   * @throws IllegalArgumentException naming the problem with the line
   */
  public Entry parse(String line) {
    String trimmed = line.strip();
    if (holdsNoData(trimmed)) {
      return null;
    }
    String[] fields = SEPARATORS.split(trimmed);
    if (fields.length != 3) {
      throw new IllegalArgumentException(
          "expected 3 fields (row col value) but found " + fields.length + ": '" + abbreviate(trimmed) + "'");
    }
    int row = index(fields[0], "row", rows);
    int col = index(fields[1], "column", cols);
    double value;
    try {
      value = Double.parseDouble(fields[2]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("value '" + abbreviate(fields[2]) + "' is not a number");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value '" + fields[2] + "' is not finite");
    }
    return new Entry(row, col, value);
  }

  private int index(String field, String what, int size) {
    long parsed;
    try {
      parsed = Long.parseLong(field);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " index '" + abbreviate(field) + "' is not an integer");
    }
    long zeroBased = oneBased ? parsed - 1 : parsed;
    if (zeroBased < 0) {
      throw new IllegalArgumentException(what + " index " + parsed + " is below the first index ("
          + (oneBased ? "1, indices are 1-based" : "0, indices are 0-based; use --one-based for 1-based files")
          + ")");
    }
    if (size != UNKNOWN ? zeroBased >= size : zeroBased >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException(what + " index " + parsed + " is out of range ("
          + (size != UNKNOWN ? "the matrix has " + size + " " + what + "s" : "too large") + ")");
    }
    return (int) zeroBased;
  }

  /** Blank lines and '#' or '%' comments, in every text input. */
  static boolean holdsNoData(String trimmed) {
    return trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("%");
  }

  /** At most 40 characters of a user's text, for error messages. */
  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
