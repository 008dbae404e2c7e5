package io.sparkdmf.data;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryBlockBuilder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Star ratings shaped like public rating sets, generated on the cluster. A rating is
 * <pre>
 *   clip(round(mu + b_u + b_i + u . v_i + noise), lowest star, 5)
 * </pre>
 * with mu = 3.25, user offsets b_u ~ N(0, 0.35^2), item offsets b_i ~ N(0, 0.4^2) plus a little more
 * for popular items, a taste u . v of {@link #TASTE_RANK} components whose strengths fall off as
 * k^-0.7 (standard deviation 0.55 in all), and N(0, 0.7^2) noise; rounded to whole stars (1..5) or
 * half stars (0.5..5). Activity and popularity are long-tailed: a user's number of ratings and an
 * item's popularity are log-normal (sigma 0.9 and 2.0), so the median item has a fraction of the mean
 * item's ratings and many items have a handful; every user has at least {@link #MIN_PER_USER}. Each
 * user's ratings follow from (seed, user) alone, so the data does not depend on the partitioning.
 * The totals are close to, not exactly, {@code ratings}.
 *
 * <p>Unlike a Gaussian low-rank matrix, these ratings carry most of their explained variance in the
 * offsets, are integers with a bounded range, and leave most items with few ratings: the conditions
 * under which a recipe tuned on Gaussian data fails.
 *
 * @param halfStars rounded to half stars (0.5..5) instead of whole ones (1..5)
 * @param testFraction the share of ratings held out, each independently
 */
public record StarRatings(int users, int items, long ratings, boolean halfStars, double testFraction, long seed)
    implements Serializable {

  public static final int TASTE_RANK = 20;
  public static final int MIN_PER_USER = 5;
  static final double MEAN = 3.25;
  static final double USER_OFFSET_SD = 0.35;
  static final double ITEM_OFFSET_SD = 0.4;
  static final double POPULARITY_OFFSET = 0.1;
  static final double TASTE_SD = 0.55;
  static final double NOISE_SD = 0.7;
  static final double ACTIVITY_SIGMA = 0.9;
  static final double POPULARITY_SIGMA = 2.0;

  public StarRatings {
    if (users < 1 || items < 3 * MIN_PER_USER) {
      throw new IllegalArgumentException("need at least one user and " + 3 * MIN_PER_USER + " items, got "
          + users + " x " + items);
    }
    if (ratings < (long) users * MIN_PER_USER || ratings > (long) users * items / 4) {
      throw new IllegalArgumentException("ratings must be between " + MIN_PER_USER + " per user and a quarter"
          + " of all pairs, got " + ratings);
    }
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new IllegalArgumentException("the test fraction must be in [0, 1), got " + testFraction);
    }
  }

  /**
   * About {@code ratings} star ratings from 0.007 x ratings users and 4.5 sqrt(ratings) items, the
   * proportions of the public MovieLens sets from 100k to 20M ratings, 10% held out.
   */
  public static StarRatings sized(long ratings, long seed) {
    int users = (int) Math.max(50, Math.round(0.007 * ratings));
    int items = (int) Math.max(60, Math.round(4.5 * Math.sqrt(ratings)));
    return new StarRatings(users, items, ratings, false, 0.1, seed);
  }

  public StarRatings withHalfStars(boolean value) {
    return new StarRatings(users, items, ratings, value, testFraction, seed);
  }

  public StarRatings withTestFraction(double value) {
    return new StarRatings(users, items, ratings, halfStars, value, seed);
  }

  /** Train and held-out ratings, generated in {@code partitions} partitions and cached. */
  public record Split(JavaRDD<EntryBlock> train, JavaRDD<EntryBlock> test) {}

  public Split generate(JavaSparkContext sc, int partitions) {
    Broadcast<ItemTable> table = sc.broadcast(itemTable());
    StarRatings spec = this;
    JavaRDD<Tuple2<Boolean, EntryBlock>> tagged = sc
        .parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
        .flatMap(part -> spec.usersOf(part, partitions, table.value()).iterator())
        .persist(StorageLevel.MEMORY_AND_DISK());
    return new Split(tagged.filter(t -> t._1).map(Tuple2::_2).persist(StorageLevel.MEMORY_AND_DISK()),
        tagged.filter(t -> !t._1).map(Tuple2::_2).persist(StorageLevel.MEMORY_AND_DISK()));
  }

  /** All ratings on the driver, train and held-out, for small sets and tests. */
  public EntryBlock[] generateLocally() {
    List<Tuple2<Boolean, EntryBlock>> both = usersOf(0, 1, itemTable());
    return new EntryBlock[] {both.get(0)._2, both.get(1)._2};
  }

  /**
   * What every user's ratings draw on: item offsets, taste vectors, popularity, and the scale of the
   * users' activities.
   */
  record ItemTable(double[] offsets, double[][] tastes, double[] cumulativePopularity, double countScale)
      implements Serializable {}

  private ItemTable itemTable() {
    Random random = new Random(seed);
    double[] logPopularity = new double[items];
    double[] cumulative = new double[items];
    double total = 0;
    for (int j = 0; j < items; j++) {
      logPopularity[j] = POPULARITY_SIGMA * random.nextGaussian();
      total += Math.exp(logPopularity[j]);
      cumulative[j] = total;
    }
    for (int j = 0; j < items; j++) {
      cumulative[j] /= total;
    }
    double[] offsets = new double[items];
    double[][] tastes = new double[items][];
    double[] strengths = tasteStrengths();
    for (int j = 0; j < items; j++) {
      offsets[j] = ITEM_OFFSET_SD * random.nextGaussian()
          + POPULARITY_OFFSET * logPopularity[j] / POPULARITY_SIGMA;
      tastes[j] = new double[TASTE_RANK];
      for (int k = 0; k < TASTE_RANK; k++) {
        tastes[j][k] = strengths[k] * random.nextGaussian();
      }
    }
    return new ItemTable(offsets, tastes, cumulative, countScale());
  }

  /**
   * Per-component scales s_k of both sides' vectors: component k contributes s_k^4 to the variance of
   * u . v, proportional to k^-0.7 and TASTE_SD^2 in all.
   */
  private static double[] tasteStrengths() {
    double sum = 0;
    for (int k = 1; k <= TASTE_RANK; k++) {
      sum += Math.pow(k, -0.7);
    }
    double[] strengths = new double[TASTE_RANK];
    for (int k = 1; k <= TASTE_RANK; k++) {
      strengths[k - 1] = Math.pow(TASTE_SD * TASTE_SD * Math.pow(k, -0.7) / sum, 0.25);
    }
    return strengths;
  }

  /** Partition {@code part}'s users (a contiguous range) as a train block and a held-out block. */
  private List<Tuple2<Boolean, EntryBlock>> usersOf(int part, int partitions, ItemTable table) {
    int from = (int) ((long) users * part / partitions);
    int to = (int) ((long) users * (part + 1) / partitions);
    EntryBlockBuilder train = new EntryBlockBuilder();
    EntryBlockBuilder test = new EntryBlockBuilder();
    double[] strengths = tasteStrengths();
    double[] taste = new double[TASTE_RANK];
    double scale = table.countScale();
    Set<Integer> chosen = new HashSet<>();
    for (int u = from; u < to; u++) {
      Random random = userRandom(u);
      int count = count(activity(random), scale);
      double offset = MEAN + USER_OFFSET_SD * random.nextGaussian();
      for (int k = 0; k < TASTE_RANK; k++) {
        taste[k] = strengths[k] * random.nextGaussian();
      }
      chosen.clear();
      while (chosen.size() < count) {
        int j = Arrays.binarySearch(table.cumulativePopularity(), random.nextDouble());
        j = Math.min(items - 1, j >= 0 ? j : -j - 1);
        if (!chosen.add(j)) {
          continue;
        }
        double value = offset + table.offsets()[j] + NOISE_SD * random.nextGaussian();
        for (int k = 0; k < TASTE_RANK; k++) {
          value += taste[k] * table.tastes()[j][k];
        }
        (random.nextDouble() < testFraction ? test : train).add(u, j, toStars(value));
      }
    }
    List<Tuple2<Boolean, EntryBlock>> out = new ArrayList<>(2);
    out.add(new Tuple2<>(true, train.build()));
    out.add(new Tuple2<>(false, test.build()));
    return out;
  }

  private Random userRandom(int user) {
    return new Random(seed * 0x9E3779B97F4A7C15L + user);
  }

  /** A user's activity, log-normal with mean 1: the first draw of the user's stream. */
  private static double activity(Random userRandom) {
    return Math.exp(ACTIVITY_SIGMA * userRandom.nextGaussian() - ACTIVITY_SIGMA * ACTIVITY_SIGMA / 2);
  }

  /** A user's number of ratings: activity times scale, at least MIN_PER_USER, at most a third of the items. */
  private int count(double activity, double scale) {
    return (int) Math.min(items / 3, Math.max(MIN_PER_USER, Math.round(scale * activity)));
  }

  /**
   * The scale of the activities that makes the users' counts add up to {@code ratings} (by bisection):
   * the cap of a third of the items would otherwise lose the heavy users' share on small sets.
   */
  private double countScale() {
    double[] activities = new double[users];
    for (int u = 0; u < users; u++) {
      activities[u] = activity(userRandom(u));
    }
    double low = 0;
    double high = (double) items;
    for (int iteration = 0; iteration < 60; iteration++) {
      double middle = (low + high) / 2;
      long total = 0;
      for (double a : activities) {
        total += count(a, middle);
      }
      if (total < ratings) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return high;
  }

  /** {@code value} rounded to the nearest star (or half star) within the scale. */
  double toStars(double value) {
    double lowest = halfStars ? 0.5 : 1;
    double step = halfStars ? 0.5 : 1;
    return Math.max(lowest, Math.min(5, Math.round(value / step) * step));
  }
}
