package io.sparkdmf.ml;

import io.sparkdmf.core.ratings.IdIndex;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The column and cold-start parameters that the estimator and its model share (as in MLlib's ALS),
 * created once here for both, and the schema checks on them.
 */
final class RecommenderColumns {
  static final String NAN = "nan";
  static final String DROP = "drop";

  private RecommenderColumns() {}

  static Param<String> userCol(String uid) {
    return new Param<>(uid, "userCol", "column of user ids (integers)");
  }

  static Param<String> itemCol(String uid) {
    return new Param<>(uid, "itemCol", "column of item ids (integers)");
  }

  static Param<String> predictionCol(String uid) {
    return new Param<>(uid, "predictionCol", "output column of predicted ratings");
  }

  static Param<String> coldStartStrategy(String uid) {
    return new Param<>(uid, "coldStartStrategy", "what to predict for users or items unseen in training:"
        + " 'nan' (a NaN prediction) or 'drop' (drop those rows)",
        ParamValidators.inArray(new String[] {NAN, DROP}));
  }

  /** The Spark type the ids of {@code column} are held as (long or string); fails for other types. */
  static DataType idType(StructType schema, String column) {
    return IdIndex.idType(field(schema, column).dataType(), column);
  }

  static void requireNumeric(StructType schema, String column) {
    DataType type = field(schema, column).dataType();
    if (!(type instanceof NumericType)) {
      throw new IllegalArgumentException("column '" + column + "' must be numeric, found " + type.simpleString());
    }
  }

  static StructType withPrediction(StructType schema, String predictionCol) {
    if (java.util.Arrays.asList(schema.fieldNames()).contains(predictionCol)) {
      throw new IllegalArgumentException("output column '" + predictionCol + "' already exists");
    }
    return schema.add(predictionCol, DataTypes.DoubleType, true);
  }

  private static StructField field(StructType schema, String column) {
    if (!java.util.Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException("no column '" + column + "' in " + schema.simpleString());
    }
    return schema.apply(column);
  }
}
