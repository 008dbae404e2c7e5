package io.sparkdmf.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;

/**
 * Finds the first repeated (row, col) pair of an input in file order: keeps, per pair, the two
 * earliest {@link LineLocation}s; a pair with a second location is a duplicate. One shuffle of two
 * longs per entry.
 */
final class DuplicateEntries {
  private DuplicateEntries() {}

  /** @param pairToLocation (row << 32 | col) to the entry's line location */
  static void failOnFirst(JavaPairRDD<Long, Long> pairToLocation, List<String> files, String what) {
    List<long[]> firstDuplicate = pairToLocation
        .mapValues(location -> new long[] {location, Long.MAX_VALUE})
        .reduceByKey(DuplicateEntries::twoEarliest)
        .values()
        .filter(pair -> pair[1] != Long.MAX_VALUE)
        .takeOrdered(1, new SecondLocationOrder());
    if (!firstDuplicate.isEmpty()) {
      throw duplicate(files, firstDuplicate.get(0)[0], firstDuplicate.get(0)[1], what);
    }
  }

  /** The error for an entry at location {@code second} that repeats the one at {@code first}. */
  static InputException duplicate(List<String> files, long first, long second, String what) {
    String firstFile = LineLocation.file(files, first);
    String secondFile = LineLocation.file(files, second);
    String where = firstFile.equals(secondFile) ? "line " + LineLocation.line(first)
        : firstFile + ":" + LineLocation.line(first);
    return new InputException(secondFile, LineLocation.line(second),
        "duplicated " + what + " pair: the same entry is already given at " + where);
  }

  private static long[] twoEarliest(long[] a, long[] b) {
    long[] all = {a[0], a[1], b[0], b[1]};
    Arrays.sort(all);
    return new long[] {all[0], all[1]};
  }

  private static final class SecondLocationOrder implements Comparator<long[]>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(long[] a, long[] b) {
      return Long.compare(a[1], b[1]);
    }
  }
}
