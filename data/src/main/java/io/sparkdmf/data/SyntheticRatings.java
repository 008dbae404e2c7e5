package io.sparkdmf.data;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryBlockBuilder;
import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A rating-data stand-in generated on the cluster: a rank-r matrix U V^T with U, V entries
 * N(0, 1/sqrt(r)) (so ratings have variance about 1) plus N(0, noise^2) noise, observed at
 * {@code entries} positions spread evenly over the rows (columns uniform, no duplicates), with a
 * fraction held out. The noise is the floor no method can beat on held-out ratings. Each row's
 * entries follow from (seed, row) alone, so the data does not depend on the partitioning.
 */
public record SyntheticRatings(int rows, int cols, int rank, long entries, double noise, double testFraction,
    long seed) implements java.io.Serializable {

  /** MovieLens-20M's shape. */
  public static final int MOVIELENS_USERS = 138_493;
  public static final int MOVIELENS_ITEMS = 26_744;
  public static final long MOVIELENS_RATINGS = 20_000_263L;

  public SyntheticRatings {
    LowRankTruth.checkShape(rows, cols, rank);
    if (entries < rows || entries > (long) rows * cols / 2) {
      throw new IllegalArgumentException("entries must be between m and m n / 2, got " + entries);
    }
    if (!(noise >= 0) || !(testFraction >= 0 && testFraction < 1)) {
      throw new IllegalArgumentException("noise must be >= 0 and the test fraction in [0, 1)");
    }
  }

  /**
   * The MovieLens-20M shape scaled to {@code entries} ratings: users scaled by f = entries / 20M and
   * items by sqrt(f), so every user keeps MovieLens' ~144 ratings and items keep at least ~170
   * (a uniform scaling would leave 1M ratings with 32 per user, too few to pin down rank 10).
   * Rank 10, noise 0.5, 10% held out.
   */
  public static SyntheticRatings movieLensShaped(long entries, long seed) {
    double fraction = (double) entries / MOVIELENS_RATINGS;
    return new SyntheticRatings((int) Math.round(MOVIELENS_USERS * fraction),
        (int) Math.round(MOVIELENS_ITEMS * Math.sqrt(fraction)), 10, entries, 0.5, 0.1, seed);
  }

  /** Train and held-out entries, generated in {@code partitions} partitions and cached. */
  public record Split(JavaRDD<EntryBlock> train, JavaRDD<EntryBlock> test) {}

  public Split generate(JavaSparkContext sc, int partitions) {
    double factorScale = factorScale();
    Broadcast<Matrix> items = sc.broadcast(itemFactors());
    SyntheticRatings spec = this;
    JavaRDD<Tuple2<Boolean, EntryBlock>> tagged = sc
        .parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
        .flatMap(part -> spec.rowsOf(part, partitions, items.value(), factorScale).iterator())
        .persist(StorageLevel.MEMORY_AND_DISK());
    return new Split(tagged.filter(t -> t._1).map(Tuple2::_2).persist(StorageLevel.MEMORY_AND_DISK()),
        tagged.filter(t -> !t._1).map(Tuple2::_2).persist(StorageLevel.MEMORY_AND_DISK()));
  }

  /** Standard deviation of the entries of U and V. */
  private double factorScale() {
    return Math.pow(rank, -0.25);
  }

  /** The true V^T (rank x cols): column j is item j's vector. */
  private Matrix itemFactors() {
    return Matrix.gaussian(rank, cols, factorScale(), new Random(seed));
  }

  /**
   * The held-out RMSE of an oracle that knows the true item vectors and the distributions the data was
   * drawn from, and predicts each held-out rating with the posterior mean of its user's vector given
   * that user's training ratings: u = (V_i V_i^T + noise^2 / s^2 I)^-1 V_i y_i, s^2 the prior variance.
   * It is the best any method can do in expectation on this data, having to learn V as well: the
   * floor that the noise alone (the RMSE of knowing U and V exactly) understates when users have few
   * ratings. {@code split} must come from {@link #generate} of this spec (train and held-out blocks of
   * each partition cover the same rows).
   */
  public double oracleRmse(JavaSparkContext sc, Split split) {
    Broadcast<Matrix> items = sc.broadcast(itemFactors());
    double ridge = noise * noise / (factorScale() * factorScale());
    int k = rank;
    double[] sums = split.train().zip(split.test()).map(pair -> {
      Matrix v = items.value();
      EntryBlock train = pair._1;
      EntryBlock test = pair._2;
      Map<Integer, double[]> normal = new HashMap<>(); // per row: V_i V_i^T, then V_i y_i
      for (int e = 0; e < train.size(); e++) {
        double[] system = normal.computeIfAbsent(train.row(e), r -> new double[k * k + k]);
        int j = train.col(e);
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            system[a + b * k] += v.get(a, j) * v.get(b, j);
          }
          system[k * k + a] += v.get(a, j) * train.value(e);
        }
      }
      Map<Integer, double[]> users = new HashMap<>();
      double squares = 0;
      for (int e = 0; e < test.size(); e++) {
        double[] u = users.computeIfAbsent(test.row(e), r -> {
          double[] system = normal.getOrDefault(r, new double[k * k + k]);
          Matrix a = new Matrix(k, k, Arrays.copyOf(system, k * k));
          for (int d = 0; d < k; d++) {
            a.set(d, d, a.get(d, d) + ridge);
          }
          return Decompositions.solvePositiveDefinite(a,
              Arrays.copyOfRange(system, k * k, k * k + k));
        });
        double prediction = 0;
        for (int a = 0; a < k; a++) {
          prediction += u[a] * v.get(a, test.col(e));
        }
        squares += (prediction - test.value(e)) * (prediction - test.value(e));
      }
      return new double[] {squares, test.size()};
    }).reduce((x, y) -> new double[] {x[0] + y[0], x[1] + y[1]});
    items.destroy();
    return Math.sqrt(sums[0] / sums[1]);
  }

  /** Partition {@code part}'s rows (a contiguous range) as a train block and a test block. */
  private List<Tuple2<Boolean, EntryBlock>> rowsOf(int part, int partitions, Matrix items, double factorScale) {
    int from = (int) ((long) rows * part / partitions);
    int to = (int) ((long) rows * (part + 1) / partitions);
    EntryBlockBuilder train = new EntryBlockBuilder();
    EntryBlockBuilder test = new EntryBlockBuilder();
    double[] u = new double[rank];
    Set<Integer> chosen = new HashSet<>();
    for (int i = from; i < to; i++) {
      Random random = new Random(seed * 0x9E3779B97F4A7C15L + i);
      for (int k = 0; k < rank; k++) {
        u[k] = factorScale * random.nextGaussian();
      }
      long count = entries / rows + (i < entries % rows ? 1 : 0);
      chosen.clear();
      while (chosen.size() < count) {
        int j = random.nextInt(cols);
        if (!chosen.add(j)) {
          continue;
        }
        double value = noise * random.nextGaussian();
        for (int k = 0; k < rank; k++) {
          value += u[k] * items.get(k, j);
        }
        (random.nextDouble() < testFraction ? test : train).add(i, j, value);
      }
    }
    List<Tuple2<Boolean, EntryBlock>> out = new ArrayList<>(2);
    out.add(new Tuple2<>(true, train.build()));
    out.add(new Tuple2<>(false, test.build()));
    return out;
  }
}
