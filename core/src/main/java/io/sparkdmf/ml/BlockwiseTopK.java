package io.sparkdmf.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import scala.collection.Seq;

/**
 * The k best destinations by dot product for every source row of two factor tables (id, features),
 * without collecting either table on the driver: each partition of sources meets each partition of
 * destinations once (a cartesian product of blocks, as ALS's recommendForAll does), keeps a top k per
 * source, and the partial lists are merged per source. Ties go to the smaller id (ids are longs or
 * strings), so the answer does not depend on the partitioning.
 */
final class BlockwiseTopK {
  private BlockwiseTopK() {}

  /** (source, recommendations: array of (destination, rating) best first) for every source row. */
  static Dataset<Row> recommend(Dataset<Row> sources, Dataset<Row> destinations, int k, String sourceCol,
      String destinationCol) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    JavaRDD<Block> sourceBlocks = sources.javaRDD().mapPartitions(BlockwiseTopK::block);
    JavaRDD<Block> destinationBlocks = destinations.javaRDD().mapPartitions(BlockwiseTopK::block);
    JavaPairRDD<Object, TopK> best = sourceBlocks.cartesian(destinationBlocks)
        .flatMapToPair(pair -> pair._1().bestIn(pair._2(), k).iterator())
        .reduceByKey((a, b) -> a.merge(b, k));
    JavaRDD<Row> rows = best.map(t -> RowFactory.create(t._1(), t._2().rows()));
    StructType recommendation = new StructType()
        .add(destinationCol, destinations.schema().apply("id").dataType(), false)
        .add("rating", DataTypes.DoubleType, false);
    StructType schema = new StructType()
        .add(sourceCol, sources.schema().apply("id").dataType(), false)
        .add("recommendations", DataTypes.createArrayType(recommendation, false), false);
    return sources.sparkSession().createDataFrame(rows, schema);
  }

  private static Iterator<Block> block(Iterator<Row> rows) {
    List<Object> ids = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      ids.add(row.get(0));
      Seq<Object> values = row.getSeq(1);
      double[] vector = new double[values.size()];
      for (int c = 0; c < vector.length; c++) {
        vector[c] = (Double) values.apply(c);
      }
      vectors.add(vector);
    }
    List<Block> out = new ArrayList<>(1);
    if (!ids.isEmpty()) {
      out.add(new Block(ids.toArray(), vectors.toArray(double[][]::new)));
    }
    return out.iterator();
  }

  /** One partition's rows. */
  record Block(Object[] ids, double[][] vectors) implements Serializable {
    /** For each of these rows, its k best among {@code other}'s. */
    List<Tuple2<Object, TopK>> bestIn(Block other, int k) {
      List<Tuple2<Object, TopK>> out = new ArrayList<>(ids.length);
      for (int s = 0; s < ids.length; s++) {
        TopK top = new TopK(new Object[0], new double[0]);
        for (int d = 0; d < other.ids.length; d++) {
          double score = 0;
          for (int c = 0; c < vectors[s].length; c++) {
            score += vectors[s][c] * other.vectors[d][c];
          }
          top = top.offer(other.ids[d], score, k);
        }
        out.add(new Tuple2<>(ids[s], top));
      }
      return out;
    }
  }

  /** The best candidates so far, best first (higher score, then smaller id). */
  record TopK(Object[] ids, double[] scores) implements Serializable {
    @SuppressWarnings("unchecked")
    private static boolean better(double score, Object id, double otherScore, Object otherId) {
      return score > otherScore || (score == otherScore && ((Comparable<Object>) id).compareTo(otherId) < 0);
    }

    TopK offer(Object id, double score, int k) {
      int n = ids.length;
      if (n == k && !better(score, id, scores[n - 1], ids[n - 1])) {
        return this;
      }
      int at = n;
      while (at > 0 && better(score, id, scores[at - 1], ids[at - 1])) {
        at--;
      }
      int size = Math.min(k, n + 1);
      Object[] newIds = new Object[size];
      double[] newScores = new double[size];
      System.arraycopy(ids, 0, newIds, 0, at);
      System.arraycopy(scores, 0, newScores, 0, at);
      newIds[at] = id;
      newScores[at] = score;
      System.arraycopy(ids, at, newIds, at + 1, size - at - 1);
      System.arraycopy(scores, at, newScores, at + 1, size - at - 1);
      return new TopK(newIds, newScores);
    }

    TopK merge(TopK other, int k) {
      TopK out = this;
      for (int i = 0; i < other.ids.length; i++) {
        out = out.offer(other.ids[i], other.scores[i], k);
      }
      return out;
    }

    Row[] rows() {
      Row[] out = new Row[ids.length];
      for (int i = 0; i < ids.length; i++) {
        out[i] = RowFactory.create(ids[i], scores[i]);
      }
      return out;
    }
  }
}
