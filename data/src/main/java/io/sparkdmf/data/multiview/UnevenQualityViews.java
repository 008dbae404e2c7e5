package io.sparkdmf.data.multiview;

import io.sparkdmf.core.linalg.DataMatrix;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.multiview.MultiViewData;
import java.util.ArrayList;
import java.util.List;

/**
 * Views of very different quality: Gaussian classes seen through views whose share of informative
 * features and class separation differ, one view pure noise. In each informative view a share of the
 * features carries the class means (random directions, scaled to the view's separation), the rest is
 * noise; every feature has its own scale (log-normal), as measurements in different units do. The
 * pure-noise view is the widest, so on the concatenation it outweighs the others.
 *
 * @see GeneratedSuite
 */
public final class UnevenQualityViews {

  /**
   * @param dimensions per view, its features
   * @param informative per view, the share of its features that carry the classes (0: pure noise)
   * @param separation per view, the class means' spread relative to the noise
   */
  public record Spec(int samples, int classes, int[] dimensions, double[] informative, double[] separation) {}

  private UnevenQualityViews() {}

  public static MultiViewData generate(Spec spec, long seed) {
    Draws draws = new Draws(seed);
    int[] labels = draws.balancedLabels(spec.samples(), spec.classes());
    List<DataMatrix> views = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int v = 0; v < spec.dimensions().length; v++) {
      int d = spec.dimensions()[v];
      int signal = (int) Math.round(spec.informative()[v] * d);
      double[][] means = new double[spec.classes()][d];
      for (int c = 0; c < spec.classes(); c++) {
        for (int j = 0; j < signal; j++) {
          means[c][j] = spec.separation()[v] * draws.gaussian();
        }
      }
      double[] scale = new double[d];
      for (int j = 0; j < d; j++) {
        scale[j] = Math.exp(draws.gaussian());
      }
      int[] order = draws.permutation(d); // informative features spread through the view
      Matrix view = Matrix.zeros(spec.samples(), d);
      for (int s = 0; s < spec.samples(); s++) {
        for (int j = 0; j < d; j++) {
          view.set(s, order[j], scale[j] * (means[labels[s]][j] + draws.gaussian()));
        }
      }
      views.add(view);
      names.add(spec.informative()[v] > 0 ? "view" + (v + 1) : "noise" + (v + 1));
    }
    return new MultiViewData(names, views, labels);
  }
}
