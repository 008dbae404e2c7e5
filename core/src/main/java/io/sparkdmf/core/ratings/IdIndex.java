package io.sparkdmf.core.ratings;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Ids mapped to the row or column indices 0..n-1 of the factorization: integers (held as longs) or
 * strings, of Spark type {@code type}. Built from the distinct ids of a data set they are sorted, so
 * index = position and an id's index is a binary search away. The rating file readers and the Spark ML
 * estimator index ids with it.
 */
public record IdIndex(Object[] ids, DataType type) implements Serializable {

  /** The sorted distinct ids, all Longs or all Strings. */
  public static IdIndex of(Object[] distinctIds, DataType type) {
    if (distinctIds.length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("more than 2^31 distinct ids");
    }
    Object[] sorted = distinctIds.clone();
    Arrays.sort(sorted);
    return new IdIndex(sorted, type);
  }

  /** Distinct string ids, sorted. */
  public static IdIndex ofStrings(Collection<String> distinctIds) {
    return of(distinctIds.toArray(), DataTypes.StringType);
  }

  /** Integer ids in index order (a model written elsewhere), not searched. */
  public static IdIndex inOrder(long[] ids) {
    return new IdIndex(Arrays.stream(ids).boxed().toArray(), DataTypes.LongType);
  }

  /** String ids in index order, not searched. */
  public static IdIndex inOrder(String[] ids) {
    return new IdIndex(ids.clone(), DataTypes.StringType);
  }

  public int size() {
    return ids.length;
  }

  /** The index of {@code id}, or -1 when it was not seen. */
  public int indexOf(Object id) {
    int at = Arrays.binarySearch(ids, id);
    return at >= 0 ? at : -1;
  }

  /**
   * The Spark type ids of a column of type {@code column} are held as: long for integer types, string
   * for strings; other types are refused, naming the column.
   */
  /** The ids in index order, as strings. */
  public List<String> asStrings() {
    return Arrays.stream(ids).map(String::valueOf).toList();
  }

  public static DataType idType(DataType column, String name) {
    if (column.equals(DataTypes.IntegerType) || column.equals(DataTypes.LongType) || column.equals(DataTypes.ShortType)
        || column.equals(DataTypes.ByteType)) {
      return DataTypes.LongType;
    }
    if (column.equals(DataTypes.StringType)) {
      return DataTypes.StringType;
    }
    throw new IllegalArgumentException("column '" + name + "' must hold integer or string ids, found "
        + column.simpleString());
  }
}
