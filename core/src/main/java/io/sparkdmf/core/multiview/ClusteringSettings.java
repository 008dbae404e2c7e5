package io.sparkdmf.core.multiview;

/**
 * How {@link MultiViewClustering} runs, each piece switchable for ablation.
 *
 * @param clusters k, the rows of every view's last layer
 * @param hiddenLayer the layer between the features and the k-row layer; 0 = automatic,
 *     max(k, min(d_v, 4k)) for a view with d_v features
 * @param adaptiveWeights per-feature weights by the closed form; off = fixed uniform weights
 * @param weightCap the largest a feature's adaptive weight may be, relative to uniform (at least 1;
 *     infinite = no cap): without a cap the best-fitted feature of a view takes nearly all its weight
 * @param exponent the law for p (fixed or controlled)
 * @param graphWeight lambda of the neighbour-graph term on every view's k-row layer, relative to the
 *     weighted fit's curvature (1 = as strong as the fit); 0 = no graph term. Needs blocks built
 *     with neighbour graphs ({@link MultiViewData#blocks(int, java.util.List)}).
 * @param kmeansRestarts k-means++ restarts on the consensus; 0 = automatic ({@link #restarts()})
 */
public record ClusteringSettings(int clusters, int hiddenLayer, int pretrainIterations, int maxIterations,
    double tolerance, boolean adaptiveWeights, double weightCap, ExponentController exponent, double graphWeight, int kmeansRestarts,
    long seed) {

  public ClusteringSettings {
    if (clusters < 2) {
      throw new IllegalArgumentException("need at least 2 clusters, got " + clusters);
    }
    if (hiddenLayer < 0 || pretrainIterations < 0 || maxIterations < 1 || kmeansRestarts < 0) {
      throw new IllegalArgumentException("layer size, iteration counts and restarts must not be negative");
    }
    if (!(graphWeight >= 0) || Double.isInfinite(graphWeight)) {
      throw new IllegalArgumentException("the graph weight must be finite and not negative, got " + graphWeight);
    }
    if (!(weightCap >= 1)) {
      throw new IllegalArgumentException("the weight cap must be at least 1 (uniform weights), got " + weightCap);
    }
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("the tolerance must be positive, got " + tolerance);
    }
  }

  /** The default weight cap, relative to uniform weights. */
  public static final double DEFAULT_WEIGHT_CAP = 5;

  /** The defaults (documented in the README's cluster section). */
  public static ClusteringSettings defaults(int clusters, long seed) {
    return new ClusteringSettings(clusters, 0, 100, 300, 1e-5, true, DEFAULT_WEIGHT_CAP, ExponentController.defaults(),
        10.0, 0, seed);
  }

  /**
   * The k-means++ restarts: as given, or automatically 50,000 / k^2 within 10..500. Many restarts make
   * the best partition found the same whatever the starts' last bits (500 for k = 10); but a restart's
   * seeding costs n k^3 operations on the k-dimensional consensus, so with 100 clusters 10 restarts
   * already cost 20 times what 500 cost with 10.
   */
  public int restarts() {
    return kmeansRestarts > 0 ? kmeansRestarts : Math.max(10, Math.min(500, 50_000 / (clusters * clusters)));
  }

  int hiddenSize(int features) {
    return hiddenLayer > 0 ? hiddenLayer : Math.max(clusters, Math.min(features, 4 * clusters));
  }

  public ClusteringSettings withExponent(ExponentController law) {
    return new ClusteringSettings(clusters, hiddenLayer, pretrainIterations, maxIterations, tolerance,
        adaptiveWeights, weightCap, law, graphWeight, kmeansRestarts, seed);
  }

  public ClusteringSettings withAdaptiveWeights(boolean adaptive) {
    return new ClusteringSettings(clusters, hiddenLayer, pretrainIterations, maxIterations, tolerance,
        adaptive, weightCap, exponent, graphWeight, kmeansRestarts, seed);
  }

  public ClusteringSettings withWeightCap(double cap) {
    return new ClusteringSettings(clusters, hiddenLayer, pretrainIterations, maxIterations, tolerance,
        adaptiveWeights, cap, exponent, graphWeight, kmeansRestarts, seed);
  }

  public ClusteringSettings withGraphWeight(double lambda) {
    return new ClusteringSettings(clusters, hiddenLayer, pretrainIterations, maxIterations, tolerance,
        adaptiveWeights, weightCap, exponent, lambda, kmeansRestarts, seed);
  }

  public ClusteringSettings withMaxIterations(int outerIterations) {
    return new ClusteringSettings(clusters, hiddenLayer, pretrainIterations, outerIterations, tolerance,
        adaptiveWeights, weightCap, exponent, graphWeight, kmeansRestarts, seed);
  }

  public ClusteringSettings withSeed(long newSeed) {
    return new ClusteringSettings(clusters, hiddenLayer, pretrainIterations, maxIterations, tolerance,
        adaptiveWeights, weightCap, exponent, graphWeight, kmeansRestarts, newSeed);
  }
}
