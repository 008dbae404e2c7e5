package io.sparkdmf.data.multiview;

import io.sparkdmf.core.linalg.DataMatrix;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.multiview.MultiViewData;
import java.util.ArrayList;
import java.util.List;

/**
 * Non-negative histograms, several per sample (shape, margin and texture descriptors of a leaf, say):
 * many small classes. Each class has, per view, a smooth prototype over the bins (a few Gaussian
 * bumps on a floor); a sample's histogram is a Dirichlet draw around the prototype (concentration per
 * view: higher is cleaner) turned into counts of a few hundred observations and normalised to sum 1,
 * so empty bins are common.
 *
 * @see GeneratedSuite
 */
public final class HistogramViews {

  /**
   * @param bins per view
   * @param concentration per view, the Dirichlet concentration around the class prototype
   * @param observations counts behind each histogram
   */
  public record Spec(int samples, int classes, int bins, double[] concentration, int observations) {}

  private HistogramViews() {}

  public static MultiViewData generate(Spec spec, long seed) {
    Draws draws = new Draws(seed);
    int[] labels = draws.balancedLabels(spec.samples(), spec.classes());
    List<DataMatrix> views = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int v = 0; v < spec.concentration().length; v++) {
      double[][] prototypes = new double[spec.classes()][];
      for (int c = 0; c < spec.classes(); c++) {
        prototypes[c] = prototype(spec.bins(), draws);
      }
      Matrix view = Matrix.zeros(spec.samples(), spec.bins());
      for (int s = 0; s < spec.samples(); s++) {
        double[] alpha = prototypes[labels[s]].clone();
        for (int b = 0; b < alpha.length; b++) {
          alpha[b] *= spec.concentration()[v];
        }
        double[] cumulative = Draws.cumulative(draws.dirichlet(alpha));
        for (int o = 0; o < spec.observations(); o++) {
          int bin = draws.categorical(cumulative);
          view.set(s, bin, view.get(s, bin) + 1.0 / spec.observations());
        }
      }
      views.add(view);
      names.add("histogram" + (v + 1));
    }
    return new MultiViewData(names, views, labels);
  }

  /** Two or three Gaussian bumps of random place, width and height over a small floor, summing to 1. */
  private static double[] prototype(int bins, Draws draws) {
    double[] out = new double[bins];
    int bumps = 2 + draws.nextInt(2);
    for (int k = 0; k < bumps; k++) {
      double centre = draws.uniform() * bins;
      double width = 1 + draws.uniform() * bins / 8.0;
      double height = 0.5 + draws.uniform();
      for (int b = 0; b < bins; b++) {
        double z = (b - centre) / width;
        out[b] += height * Math.exp(-0.5 * z * z);
      }
    }
    double sum = 0;
    for (int b = 0; b < bins; b++) {
      out[b] += 0.02;
      sum += out[b];
    }
    for (int b = 0; b < bins; b++) {
      out[b] /= sum;
    }
    return out;
  }
}
