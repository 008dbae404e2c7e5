package io.sparkdmf.data.multiview;

import io.sparkdmf.core.multiview.MultiViewData;

/**
 * The generated data sets the multi-view experiment runs, one of each kind, at the sizes of the
 * public benchmark files they stand for. Each is generated from its own seed, the same on every run.
 */
public enum GeneratedSuite {
  CURVED_MANIFOLDS("curved-manifolds", "dense descriptors of objects on curved class manifolds, 4 views (59, 864, 254,"
      + " 512 features), 400 samples, 40 classes of 10") {
    @Override
    public MultiViewData generate(long seed) {
      return CurvedManifoldViews.generate(new CurvedManifoldViews.Spec(400, 40, new int[] {59, 864, 254, 512},
          new double[] {0.1, 0.3, 0.2, 0.4}, 1.2), seed);
    }
  },
  HISTOGRAMS("histograms", "non-negative 64-bin histograms of 200 observations, 3 views of rising quality, 1600"
      + " samples, 100 classes of 16") {
    @Override
    public MultiViewData generate(long seed) {
      return HistogramViews.generate(new HistogramViews.Spec(1600, 100, 64, new double[] {40, 80, 150}, 200), seed);
    }
  },
  TOPIC_TEXT("topic-text", "sparse word counts from a topic model, 3 vocabularies of 2000 words, 500 documents,"
      + " 5 classes of uneven size") {
    @Override
    public MultiViewData generate(long seed) {
      return TopicModelViews.generate(new TopicModelViews.Spec(500, 5, 2000, new double[] {0.5, 0.4, 0.3},
          new double[] {150, 120, 80}), seed);
    }
  },
  UNEVEN_QUALITY("uneven-quality", "Gaussian classes in views with 50%, 30% and 0% informative features (40, 100,"
      + " 200 features, the widest pure noise), 600 samples, 6 classes") {
    @Override
    public MultiViewData generate(long seed) {
      return UnevenQualityViews.generate(new UnevenQualityViews.Spec(600, 6, new int[] {40, 100, 200},
          new double[] {0.5, 0.3, 0}, new double[] {1.0, 0.6, 0}), seed);
    }
  };

  private final String label;
  private final String description;

  GeneratedSuite(String label, String description) {
    this.label = label;
    this.description = description;
  }

  public String label() {
    return label;
  }

  public String description() {
    return description;
  }

  public abstract MultiViewData generate(long seed);
}
