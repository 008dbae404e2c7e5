package io.sparkdmf.research.experiment;

import io.sparkdmf.data.AtomicOutputDirectory;
import io.sparkdmf.research.experiment.MultiViewRuns.Method;
import io.sparkdmf.research.experiment.MultiViewRuns.Run;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The outputs of the suite mode of {@link MultiViewExperiment}: {@code results.csv} (a row per data set
 * and method), {@code runs.csv} (a row per run), {@code accuracy.png} and {@code report.md}, whose
 * summary says for every data set whether the model beat each baseline, computed from the runs.
 */
final class MultiViewSuiteReport {
  private final AtomicOutputDirectory out;

  MultiViewSuiteReport(AtomicOutputDirectory out) {
    this.out = out;
  }

  private static double mean(List<Run> runs, boolean nmi) {
    return runs.stream().mapToDouble(r -> nmi ? r.metrics().nmi() : r.metrics().accuracy()).average().orElse(Double.NaN);
  }

  private static double std(List<Run> runs) {
    double mean = mean(runs, false);
    return Math.sqrt(runs.stream().mapToDouble(r -> (r.metrics().accuracy() - mean) * (r.metrics().accuracy() - mean))
        .average().orElse(Double.NaN));
  }

  /** The single-view method with the highest mean ACC. */
  private static int bestSingleView(List<Method> methods, List<List<Run>> runs) {
    int best = -1;
    for (int m = 0; m < methods.size(); m++) {
      if (methods.get(m).name().startsWith(MultiViewSuite.SINGLE_VIEW)
          && (best < 0 || mean(runs.get(m), false) > mean(runs.get(best), false))) {
        best = m;
      }
    }
    return best;
  }

  private static int index(List<Method> methods, String name) {
    for (int m = 0; m < methods.size(); m++) {
      if (methods.get(m).name().equals(name)) {
        return m;
      }
    }
    throw new IllegalStateException("no method " + name);
  }

  void write(List<MultiViewSuite.Plan> plans, List<List<List<Run>>> runs, int seeds) throws IOException {
    StringBuilder summary = new StringBuilder("| data set | n; views; k | " + MultiViewSuite.MODEL
        + " ACC | k-means, concatenated z-score | k-means, concatenated unit-norm | best single view | "
        + MultiViewSuite.MODEL + " beats all three |\n| --- | --- | --- | --- | --- | --- | --- |\n");
    StringBuilder details = new StringBuilder();
    List<String> setNames = new ArrayList<>();
    double[][] chartValues = new double[4][plans.size()];
    int wins = 0;
    try (Writer results = out.newFile("results.csv"); Writer perRun = out.newFile("runs.csv")) {
      results.write("data_set,method,acc_mean,acc_std,nmi_mean,seconds_mean\n");
      perRun.write("data_set,method,seed,acc,nmi,purity,ari,seconds,iterations\n");
      for (int d = 0; d < plans.size(); d++) {
        MultiViewSuite.Plan plan = plans.get(d);
        List<Method> methods = plan.methods();
        List<List<Run>> setRuns = runs.get(d);
        String name = plan.data().name();
        setNames.add(name);
        details.append("## ").append(name).append("\n\n").append(plan.data().description())
            .append(String.format(Locale.ROOT, " (neighbour graphs built once in %.1f s).%n%n", plan.graphSeconds()))
            .append("| method | ACC | NMI | seconds per run |\n| --- | --- | --- | --- |\n");
        for (int m = 0; m < methods.size(); m++) {
          List<Run> r = setRuns.get(m);
          double seconds = r.stream().mapToDouble(Run::seconds).average().orElse(Double.NaN);
          results.write(String.format(Locale.ROOT, "%s,%s,%.4f,%.4f,%.4f,%.3f%n", name, methods.get(m).name(),
              mean(r, false), std(r), mean(r, true), seconds));
          details.append(String.format(Locale.ROOT, "| %s | %.3f ± %.3f | %.3f | %.2f |%n", methods.get(m).name(),
              mean(r, false), std(r), mean(r, true), seconds));
          for (Run run : r) {
            perRun.write(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.4f,%.4f,%.4f,%.3f,%d%n", name, run.method(),
                run.seed(), run.metrics().accuracy(), run.metrics().nmi(), run.metrics().purity(),
                run.metrics().ari(), run.seconds(), run.iterations()));
          }
        }
        details.append('\n');
        int[] compared = {index(methods, MultiViewSuite.MODEL), index(methods, MultiViewSuite.CONCAT_ZSCORE),
            index(methods, MultiViewSuite.CONCAT_UNIT_NORM), bestSingleView(methods, setRuns)};
        double model = mean(setRuns.get(compared[0]), false);
        boolean beatsAll = true;
        List<String> lostTo = new ArrayList<>();
        for (int c = 0; c < compared.length; c++) {
          chartValues[c][d] = mean(setRuns.get(compared[c]), false);
          if (c > 0 && model <= chartValues[c][d]) {
            beatsAll = false;
            lostTo.add(methods.get(compared[c]).name());
          }
        }
        wins += beatsAll ? 1 : 0;
        var raw = plan.data().raw();
        summary.append(String.format(Locale.ROOT, "| %s | %d; %s; %d | %.3f ± %.3f | %.3f | %.3f | %.3f (%s) | %s |%n",
            name, raw.samples(), Arrays.toString(raw.featureCounts()).replace(" ", ""), plan.clusters(), model,
            std(setRuns.get(compared[0])), chartValues[1][d], chartValues[2][d], chartValues[3][d],
            methods.get(compared[3]).name().substring(MultiViewSuite.SINGLE_VIEW.length()),
            beatsAll ? "yes" : "no: not above " + String.join(", ", lostTo)));
      }
    }
    accuracyFigure(setNames, chartValues);
    try (Writer report = out.newFile("report.md")) {
      report.write("# Multi-view clustering with its defaults on generated data sets and uci-mfeat\n\n"
          + String.format(Locale.ROOT, "Mean ACC over seeds 0-%d (each data set generated once, from its own fixed"
              + " seed; the seeds vary the methods' starts). k-means++ baselines take %d restarts. %s beats all"
              + " three baselines on %d of %d data sets.%n%n", seeds - 1, MultiViewRuns.BASELINE_RESTARTS,
              MultiViewSuite.MODEL, wins, plans.size())
          + summary + "\n![ACC by data set](accuracy.png)\n\n" + details);
    }
  }

  private void accuracyFigure(List<String> sets, double[][] values) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(900).height(480)
        .title("Clustering accuracy (mean over seeds)").xAxisTitle("data set").yAxisTitle("ACC").build();
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    String[] series = {MultiViewSuite.MODEL, "k-means concatenated z-score", "k-means concatenated unit-norm",
        "k-means best single view"};
    for (int s = 0; s < series.length; s++) {
      chart.addSeries(series[s], sets, Arrays.stream(values[s]).boxed().toList());
    }
    Figures.save(chart, out, "accuracy");
  }
}
