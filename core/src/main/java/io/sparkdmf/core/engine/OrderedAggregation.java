package io.sparkdmf.core.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * A tree aggregation whose floating-point result does not depend on which task finished first.
 * Spark's treeAggregate merges results in arrival order, so two runs (or a run whose executor was
 * lost and recomputed) can differ in the last bits; here every merge takes its inputs in partition
 * order. Partials are merged in groups of about sqrt(P) on executors, so the driver receives
 * O(sqrt(P)) partials, as with treeAggregate at depth 2.
 */
public final class OrderedAggregation {
  /** Up to this many partials go straight to the driver: an extra stage would cost more. */
  private static final int DIRECT_LIMIT = 32;
  private OrderedAggregation() {}

  /**
   * @param partials an RDD with exactly one value per partition (e.g. from mapPartitions)
   * @param merge adds its second argument into its first and returns it
   */
  public static <A> A merge(JavaRDD<A> partials, Function2<A, A, A> merge) {
    JavaPairRDD<Integer, A> level = partials.mapPartitionsWithIndex((index, values) -> {
      List<Tuple2<Integer, A>> out = new ArrayList<>(1);
      values.forEachRemaining(value -> out.add(new Tuple2<>(index, value)));
      return out.iterator();
    }, true).mapToPair(t -> t);
    int count = partials.getNumPartitions();
    int fanIn = Math.max(DIRECT_LIMIT, (int) Math.ceil(Math.sqrt(count)));
    if (count > fanIn) {
      int groups = (count + fanIn - 1) / fanIn;
      level = level.mapToPair(t -> new Tuple2<>(t._1 / fanIn, t))
          .groupByKey(groups)
          .mapToPair(group -> {
            List<Tuple2<Integer, A>> members = new ArrayList<>();
            group._2.forEach(members::add);
            return new Tuple2<>(group._1, inOrder(members, merge));
          });
    }
    try {
      return inOrder(new ArrayList<>(level.collect()), merge);
    } catch (Exception e) {
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  private static <A> A inOrder(List<Tuple2<Integer, A>> members, Function2<A, A, A> merge) throws Exception {
    members.sort(Comparator.comparing(Tuple2::_1));
    A total = members.get(0)._2;
    for (int i = 1; i < members.size(); i++) {
      total = merge.call(total, members.get(i)._2);
    }
    return total;
  }
}
