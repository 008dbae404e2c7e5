package io.sparkdmf.research.experiment;

import io.sparkdmf.core.multiview.ClusteringResult;
import io.sparkdmf.data.AtomicOutputDirectory;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The outputs of {@link MultiViewExperiment}: {@code results.csv} (one row per method, mean and
 * standard deviation over seeds), {@code runs.csv} (one row per run), the figures and {@code report.md}.
 */
final class MultiViewReport {
  private final AtomicOutputDirectory out;
  private final List<String> viewNames;
  private final double aimAcc;
  private final double aimNmi;

  MultiViewReport(AtomicOutputDirectory out, List<String> viewNames, double aimAcc, double aimNmi) {
    this.out = out;
    this.viewNames = viewNames;
    this.aimAcc = aimAcc;
    this.aimNmi = aimNmi;
  }

  /** Mean and population standard deviation of one figure over a method's runs. */
  private record Summary(double mean, double std) {
    static Summary of(List<MultiViewRuns.Run> runs, ToDoubleFunction<MultiViewRuns.Run> value) {
      double[] values = runs.stream().mapToDouble(value).toArray();
      double mean = Arrays.stream(values).average().orElse(Double.NaN);
      double variance = Arrays.stream(values).map(x -> (x - mean) * (x - mean)).average().orElse(Double.NaN);
      return new Summary(mean, Math.sqrt(variance));
    }
  }

  void write(List<String> methods, List<String> descriptions, List<List<MultiViewRuns.Run>> runs, String setup)
      throws IOException {
    StringBuilder table = new StringBuilder(
        "| method | ACC | NMI | purity | ARI | seconds | outer iterations | what it is |\n"
            + "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    try (Writer results = out.newFile("results.csv"); Writer perRun = out.newFile("runs.csv")) {
      results.write("method,acc_mean,acc_std,nmi_mean,nmi_std,purity_mean,ari_mean,seconds_mean,iterations_mean\n");
      perRun.write("method,seed,acc,nmi,purity,ari,seconds,iterations\n");
      for (int m = 0; m < methods.size(); m++) {
        List<MultiViewRuns.Run> r = runs.get(m);
        Summary acc = Summary.of(r, x -> x.metrics().accuracy());
        Summary nmi = Summary.of(r, x -> x.metrics().nmi());
        Summary purity = Summary.of(r, x -> x.metrics().purity());
        Summary ari = Summary.of(r, x -> x.metrics().ari());
        Summary seconds = Summary.of(r, MultiViewRuns.Run::seconds);
        Summary iterations = Summary.of(r, MultiViewRuns.Run::iterations);
        results.write(String.format(Locale.ROOT, "%s,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.3f,%.1f%n", methods.get(m),
            acc.mean(), acc.std(), nmi.mean(), nmi.std(), purity.mean(), ari.mean(), seconds.mean(), iterations.mean()));
        table.append(String.format(Locale.ROOT, "| %s | %.3f ± %.3f | %.3f ± %.3f | %.3f | %.3f | %.2f | %s | %s |%n",
            methods.get(m), acc.mean(), acc.std(), nmi.mean(), nmi.std(), purity.mean(), ari.mean(), seconds.mean(),
            iterations.mean() > 0 ? String.format(Locale.ROOT, "%.0f", iterations.mean()) : "-", descriptions.get(m)));
        for (MultiViewRuns.Run run : r) {
          perRun.write(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%.4f,%.4f,%.3f,%d%n", run.method(), run.seed(),
              run.metrics().accuracy(), run.metrics().nmi(), run.metrics().purity(), run.metrics().ari(),
              run.seconds(), run.iterations()));
        }
      }
    }
    List<MultiViewRuns.Run> ours = runs.get(0);
    convergenceFigure(ours.get(0).result(), runs.get(1).get(0).result());
    viewWeightFigure(ours);
    featureWeightFigure(ours.get(0).result());
    try (Writer report = out.newFile("report.md")) {
      report.write("# Multi-view clustering: " + methods.get(0) + " against baselines and ablations\n\n"
          + setup + ". Mean ± standard deviation over seeds; per-run figures in `runs.csv`.\n\n" + table + "\n"
          + verdict(methods, runs) + "\n"
          + "## Convergence with and without the p controller (seed 0)\n\n"
          + "The relative change of the objective per outer iteration. (The stopping rule compares the change of"
          + " the objective divided by the sum of the feature weights' powers with the tolerance.)\n\n"
          + "![convergence](convergence.png)\n\n"
          + "## Learned weights\n\n![view weights](view-weights.png)\n\n"
          + "Feature weights of seed 0, each view's sorted from the largest, times the view's feature count"
          + " (1 = uniform).\n\n![feature weights](feature-weights.png)\n");
    }
  }

  /** Sentences comparing the measured figures with the aims and the baselines, computed, not typed. */
  private String verdict(List<String> methods, List<List<MultiViewRuns.Run>> runs) {
    double acc = Summary.of(runs.get(0), x -> x.metrics().accuracy()).mean();
    double nmi = Summary.of(runs.get(0), x -> x.metrics().nmi()).mean();
    String bestOther = null;
    double bestOtherAcc = Double.NEGATIVE_INFINITY;
    for (int m = 1; m < methods.size(); m++) {
      double other = Summary.of(runs.get(m), x -> x.metrics().accuracy()).mean();
      if (other > bestOtherAcc) {
        bestOtherAcc = other;
        bestOther = methods.get(m);
      }
    }
    double controlled = Summary.of(runs.get(0), MultiViewRuns.Run::iterations).mean();
    double fixed = Summary.of(runs.get(1), MultiViewRuns.Run::iterations).mean();
    double fixedAcc = Summary.of(runs.get(1), x -> x.metrics().accuracy()).mean();
    String verdict = String.format(Locale.ROOT, "Aims: ACC >= %.2f (measured %.3f, %s) and NMI >= %.2f (measured %.3f, %s)."
            + " The best other method is %s with ACC %.3f (%s). The controller took %.0f outer iterations on"
            + " average against %.0f with %s, with ACC %.3f against %.3f.",
        aimAcc, acc, acc >= aimAcc ? "met" : "missed", aimNmi, nmi, nmi >= aimNmi ? "met" : "missed",
        bestOther, bestOtherAcc, acc > bestOtherAcc ? "below ours" : "not below ours",
        controlled, fixed, methods.get(1), acc, fixedAcc);
    double halfAcc = Summary.of(runs.get(methods.indexOf(MultiViewExperiment.HALF_BUDGET)),
        x -> x.metrics().accuracy()).mean();
    double fixedHalfAcc = Summary.of(runs.get(methods.indexOf(MultiViewExperiment.FIXED_P_HALF_BUDGET)),
        x -> x.metrics().accuracy()).mean();
    return verdict + String.format(Locale.ROOT, " With half the outer iterations the controller reaches ACC %.3f"
            + " (fixed p: %.3f) against fixed p's %.3f with the whole budget: it %s fixed p's accuracy in half"
            + " the outer iterations.%n", halfAcc, fixedHalfAcc, fixedAcc, halfAcc >= fixedAcc ? "reaches" : "does not reach");
  }

  private void convergenceFigure(ClusteringResult controlled, ClusteringResult fixed) throws IOException {
    List<Figures.Line> lines = List.of(changeLine("p controller", controlled), changeLine("fixed p", fixed));
    Figures.save(Figures.chart("Relative objective change per outer iteration", "outer iteration",
        "|J_t - J_{t-1}| / J_{t-1}", false, true, lines), out, "convergence");
  }

  private static Figures.Line changeLine(String name, ClusteringResult result) {
    double[] objective = result.objective();
    List<double[]> points = new ArrayList<>();
    for (int t = 1; t < objective.length; t++) {
      double change = Math.abs(objective[t] - objective[t - 1]) / objective[t - 1];
      if (change > 0) {
        points.add(new double[] {t, change});
      }
    }
    return new Figures.Line(name, points.stream().mapToDouble(p -> p[0]).toArray(),
        points.stream().mapToDouble(p -> p[1]).toArray(), false);
  }

  private void viewWeightFigure(List<MultiViewRuns.Run> runs) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(720).height(480)
        .title("Fusion weight of each view (mean over seeds)").xAxisTitle("view").yAxisTitle("gamma").build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    double[] mean = new double[viewNames.size()];
    for (MultiViewRuns.Run run : runs) {
      for (int v = 0; v < mean.length; v++) {
        mean[v] += run.result().viewWeights()[v] / runs.size();
      }
    }
    chart.addSeries("gamma", viewNames, Arrays.stream(mean).boxed().toList());
    Figures.save(chart, out, "view-weights");
  }

  private void featureWeightFigure(ClusteringResult result) throws IOException {
    List<Figures.Line> lines = new ArrayList<>();
    for (int v = 0; v < viewNames.size(); v++) {
      double[] w = result.featureWeights()[v];
      double[] sorted = Arrays.stream(w).map(x -> -x * w.length).sorted().map(x -> -x).toArray();
      double[] rank = new double[sorted.length];
      Arrays.setAll(rank, i -> i + 1.0);
      lines.add(new Figures.Line(viewNames.get(v), rank, sorted, false));
    }
    // both axes logarithmic: the weights span many decades, and the few features that hold most of the
    // weight sit at the first ranks, which a linear rank axis squeezes against the left edge
    Figures.save(Figures.chart("Feature weights x feature count, by rank", "feature rank (1 = largest weight)",
        "d_v w_j (1 = uniform)", true, true, lines), out, "feature-weights");
  }
}
