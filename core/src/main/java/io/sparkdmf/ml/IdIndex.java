package io.sparkdmf.ml;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Arbitrary integer ids mapped to the row or column indices 0..n-1 of the factorization: the sorted
 * distinct ids, so index = position, and an id's index is a binary search away.
 */
record IdIndex(long[] ids) implements Serializable {

  static IdIndex of(long[] distinctIds) {
    long[] sorted = distinctIds.clone();
    Arrays.sort(sorted);
    if (sorted.length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("more than 2^31 distinct ids");
    }
    return new IdIndex(sorted);
  }

  int size() {
    return ids.length;
  }

  /** The index of {@code id}, or -1 when it was not seen. */
  int indexOf(long id) {
    int at = Arrays.binarySearch(ids, id);
    return at >= 0 ? at : -1;
  }
}
