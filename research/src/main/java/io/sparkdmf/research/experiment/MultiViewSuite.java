package io.sparkdmf.research.experiment;

import io.sparkdmf.core.multiview.ClusteringSettings;
import io.sparkdmf.core.multiview.MultiViewData;
import io.sparkdmf.core.multiview.ViewNormalisation;
import io.sparkdmf.research.experiment.MultiViewRuns.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The model with its defaults against k-means on one data set, as a user would compare them: k-means++
 * on the concatenated views, z-scored and with unit-norm samples per view, and on every single view
 * either way (the best of which is the "best single view", chosen with the labels).
 */
final class MultiViewSuite {
  static final String MODEL = "dmfaw";
  static final String CONCAT_ZSCORE = "kmeans-concat-zscore";
  static final String CONCAT_UNIT_NORM = "kmeans-concat-unit-norm";
  static final String SINGLE_VIEW = "kmeans-view:";

  /** A labelled data set of the suite: its name, what it is and its views as read or generated. */
  record DataSet(String name, String description, MultiViewData raw) {}

  /** The methods and what preparing them cost. */
  record Plan(DataSet data, int clusters, List<Method> methods, double graphSeconds) {}

  private MultiViewSuite() {}

  /** The methods for one data set, the model with its defaults but for the weight cap. */
  static Plan plan(DataSet set, double weightCap) {
    MultiViewRuns.Prepared ready = MultiViewRuns.Prepared.of(set.raw());
    MultiViewData varying = ready.varying();
    MultiViewData prepared = ready.data();
    int k = (int) Arrays.stream(set.raw().labels()).distinct().count();
    ClusteringSettings defaults = ClusteringSettings.defaults(k, 0).withWeightCap(weightCap);
    List<Method> methods = new ArrayList<>();
    methods.add(new Method(MODEL, "the model with its defaults",
        seed -> MultiViewRuns.model(MODEL, defaults, seed, prepared, ready.blocks())));
    for (ViewNormalisation normalisation : List.of(ViewNormalisation.ZSCORE, ViewNormalisation.UNIT_NORM)) {
      String how = normalisation.name().toLowerCase(Locale.ROOT).replace('_', '-');
      MultiViewData normalised = varying.normalised(normalisation);
      MultiViewData concatenated = normalised.concatenated();
      String name = normalisation == ViewNormalisation.ZSCORE ? CONCAT_ZSCORE : CONCAT_UNIT_NORM;
      methods.add(new Method(name, "k-means++ on the concatenated views, each " + how,
          seed -> MultiViewRuns.kmeans(name, concatenated, k, seed)));
      for (int v = 0; v < normalised.views().size(); v++) {
        String single = SINGLE_VIEW + normalised.names().get(v) + ":" + how;
        MultiViewData one = normalised.view(v);
        methods.add(new Method(single, "k-means++ on view " + normalised.names().get(v) + " alone, " + how,
            seed -> MultiViewRuns.kmeans(single, one, k, seed)));
      }
    }
    return new Plan(set, k, methods, ready.graphSeconds());
  }
}
