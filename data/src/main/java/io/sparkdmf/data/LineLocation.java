package io.sparkdmf.data;

import java.util.List;

/**
 * Where a line of input sits, packed into one long as fileIndex * 2^40 + line so that locations sort
 * in file order and travel cheaply through shuffles.
 */
final class LineLocation {
  private static final int LINE_BITS = 40;

  private LineLocation() {}

  static long of(int fileIndex, long line) {
    return ((long) fileIndex << LINE_BITS) + line;
  }

  static String file(List<String> files, long location) {
    return InputFiles.displayName(files.get((int) (location >>> LINE_BITS)));
  }

  static long line(long location) {
    return location & ((1L << LINE_BITS) - 1);
  }
}
