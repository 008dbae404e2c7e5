package io.sparkdmf.data.multiview;

import io.sparkdmf.core.linalg.DataMatrix;
import io.sparkdmf.core.linalg.SparseMatrix;
import io.sparkdmf.core.multiview.MultiViewData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sparse word counts from a topic model, one vocabulary per view (the same stories told by different
 * sources, or in different languages). Each class has a topic per view: a few hundred words, Zipf
 * weighted, drawn among the vocabulary's commoner words. A document's words come from its class's topic
 * with a share drawn per document (Beta-like, mean {@code topicShare} of the view), from another class's
 * topic for a tenth of documents (stories that touch two subjects), and otherwise from the view's Zipf
 * background; lengths are log-normal. Class sizes are uneven. Views differ in quality through their
 * topic share and length.
 */
public final class TopicModelViews {
  private static final int TOPIC_WORDS = 300;
  private static final double BACKGROUND_EXPONENT = 1.0;

  /**
   * @param vocabulary words per view
   * @param topicShare per view, the mean share of a document's words from its class's topic
   * @param meanLength per view, the mean document length in words
   */
  public record Spec(int samples, int classes, int vocabulary, double[] topicShare, double[] meanLength) {}

  private TopicModelViews() {}

  public static MultiViewData generate(Spec spec, long seed) {
    Draws draws = new Draws(seed);
    double[] shares = new double[spec.classes()];
    for (int c = 0; c < shares.length; c++) {
      shares[c] = 1.0 / (1 + 0.35 * c); // the largest class about twice the size of the smallest of five
    }
    int[] labels = draws.labels(spec.samples(), shares);
    int[] secondTopic = new int[spec.samples()];
    for (int s = 0; s < spec.samples(); s++) {
      secondTopic[s] = draws.uniform() < 0.1 ? draws.nextInt(spec.classes()) : -1;
    }
    List<DataMatrix> views = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int v = 0; v < spec.topicShare().length; v++) {
      views.add(view(spec, v, labels, secondTopic, draws));
      names.add("source" + (v + 1));
    }
    return new MultiViewData(names, views, labels);
  }

  private static DataMatrix view(Spec spec, int v, int[] labels, int[] secondTopic, Draws draws) {
    int d = spec.vocabulary();
    double[] background = draws.zipf(d, BACKGROUND_EXPONENT);
    double[] backgroundCdf = Draws.cumulative(background);
    double[][] topicCdf = new double[spec.classes()][];
    for (int c = 0; c < spec.classes(); c++) {
      // topic words drawn among the commoner background words, then Zipf-weighted among themselves
      double[] topic = new double[d];
      double[] weights = draws.zipf(TOPIC_WORDS, 0.8);
      for (int w = 0; w < TOPIC_WORDS; w++) {
        topic[draws.categorical(backgroundCdf)] += weights[w];
      }
      topicCdf[c] = Draws.cumulative(topic);
    }
    int n = labels.length;
    int[][] counts = new int[n][];
    for (int s = 0; s < n; s++) {
      int length = Math.max(5, (int) Math.round(spec.meanLength()[v] * Math.exp(0.5 * draws.gaussian() - 0.125)));
      double share = Math.min(0.95, Math.max(0.02, spec.topicShare()[v] * (0.5 + draws.uniform())));
      int[] words = new int[length];
      for (int w = 0; w < length; w++) {
        double u = draws.uniform();
        if (u < share) {
          int topic = secondTopic[s] >= 0 && draws.uniform() < 0.4 ? secondTopic[s] : labels[s];
          words[w] = draws.categorical(topicCdf[topic]);
        } else {
          words[w] = draws.categorical(backgroundCdf);
        }
      }
      counts[s] = words;
    }
    int total = Arrays.stream(counts).mapToInt(w -> w.length).sum();
    int[] row = new int[total];
    int[] col = new int[total];
    double[] value = new double[total];
    int entries = 0;
    for (int s = 0; s < n; s++) {
      int[] words = counts[s].clone();
      Arrays.sort(words);
      for (int w = 0; w < words.length; w++) {
        if (w > 0 && words[w] == words[w - 1]) {
          value[entries - 1]++;
        } else {
          row[entries] = s;
          col[entries] = words[w];
          value[entries++] = 1;
        }
      }
    }
    return SparseMatrix.fromTriplets(n, d, Arrays.copyOf(row, entries), Arrays.copyOf(col, entries),
        Arrays.copyOf(value, entries));
  }
}
