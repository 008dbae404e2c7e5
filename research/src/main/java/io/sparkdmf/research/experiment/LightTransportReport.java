package io.sparkdmf.research.experiment;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.data.AtomicOutputDirectory;
import io.sparkdmf.light.io.MatrixImages;
import io.sparkdmf.light.run.LightCase;
import io.sparkdmf.light.run.Method;
import io.sparkdmf.light.run.RunResult;
import io.sparkdmf.light.run.ScorePoint;
import io.sparkdmf.light.score.RecoveryScores;
import io.sparkdmf.light.scene.LightScene;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;

/**
 * results.csv, growth.csv (DIP's scores along its runs), per case a figure of the factors (truth | DIP |
 * NMF | ALS for T and L) and one of the scores along the runs, and report.md with the medians.
 */
final class LightTransportReport {
  private static final double AIM_HIDDEN = 0.6;
  private static final double AIM_RATIO = 2;
  private static final double AIM_TRANSPORT = 0.8;
  private static final double AIM_FIT = 0.05;
  /** Factor images are enlarged to about this many pixels across. */
  private static final int SHOWN = 192;

  private final AtomicOutputDirectory out;
  private final boolean quick;

  LightTransportReport(AtomicOutputDirectory out, boolean quick) {
    this.out = out;
    this.quick = quick;
  }

  void write(List<LightCase> cases, List<RunResult> results) throws IOException {
    try (Writer csv = out.newFile("results.csv")) {
      csv.write("case,method,seed,score_l,score_t,registered_l,fit,seconds,frame_correlation,train_loss\n");
      for (RunResult r : results) {
        csv.write(String.format(Locale.ROOT, "%s,%s,%d,%.6f,%.6f,%.6f,%.6f,%.2f,%.6f,%.6g%n", r.spec().caseName(),
            r.spec().method().label(), r.spec().seed(), r.scores().hidden(), r.scores().transport(),
            r.scores().registeredHidden(), r.scores().fit(), r.seconds(), r.scores().frameCorrelation(),
            r.factors().loss()));
      }
    }
    try (Writer csv = out.newFile("growth.csv")) {
      csv.write("case,seed,iteration,score_l,score_t,registered_l,frame_correlation,fit\n");
      for (RunResult r : results) {
        for (ScorePoint point : r.growth()) {
          csv.write(String.format(Locale.ROOT, "%s,%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f%n", r.spec().caseName(),
              r.spec().seed(), point.iteration(), point.scores().hidden(), point.scores().transport(),
              point.scores().registeredHidden(), point.scores().frameCorrelation(), point.scores().fit()));
        }
      }
    }
    StringBuilder md = new StringBuilder("# Blind light transport: deep image prior against NMF and ALS\n\n");
    md.append(quick ? "Quick version (`--quick`): smaller scenes, fewer iterations and seeds.\n\n" : "");
    md.append("Scores (docs/light-transport.md): `score_l` and `score_t` match rows of L / columns of T to the truth"
        + " one-to-one by correlation; `registered_l` allows only the global mirror or rotations and weights rows by"
        + " their variance; `frame_corr` is the mean spatial correlation of the frames under that registration;"
        + " `fit` is ||Z - TL|| / ||Z||. Medians over seeds; every run is in results.csv.\n\n");
    for (LightCase lightCase : cases) {
      List<RunResult> mine = results.stream().filter(r -> r.spec().caseName().equals(lightCase.name())).toList();
      LightScene scene = lightCase.scenes().generate(0);
      md.append("## ").append(lightCase.name()).append("\n\n");
      md.append(String.format(Locale.ROOT, "Observed %s pixels x %d frames, hidden %s pixels; DIP: %s.%n%n",
          scene.observedShape(), scene.frames(), scene.hiddenShape(), lightCase.dip().withSeed(0)));
      md.append("| method | runs | score_l | score_t | registered_l | frame_corr | fit | seconds |\n");
      md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      for (Method method : Method.values()) {
        List<RunResult> runs = mine.stream().filter(r -> r.spec().method() == method).toList();
        if (runs.isEmpty()) {
          continue;
        }
        md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.4f | %.1f |%n", method.label(),
            runs.size(), median(runs, r -> r.scores().hidden()), median(runs, r -> r.scores().transport()),
            median(runs, r -> r.scores().registeredHidden()), median(runs, r -> r.scores().frameCorrelation()),
            median(runs, r -> r.scores().fit()), median(runs, RunResult::seconds)));
      }
      mine.stream().filter(r -> r.spec().method() == Method.DIP).min(
          java.util.Comparator.comparingDouble(r -> r.factors().loss())).ifPresent(best -> md.append(String.format(
              Locale.ROOT, "| dip, the start of lowest training loss (seed %d; as `light-transport --seeds` keeps)"
                  + " | 1 | %.3f | %.3f | %.3f | %.3f | %.4f | %.1f |%n", best.spec().seed(), best.scores().hidden(),
              best.scores().transport(), best.scores().registeredHidden(), best.scores().frameCorrelation(),
              best.scores().fit(), best.seconds())));
      md.append('\n').append(aims(mine)).append('\n');
      String growth = lightCase.name() + "-growth";
      Figures.save(growthChart(lightCase.name(), mine), out, growth);
      md.append("![").append(lightCase.name()).append(": DIP's scores along its runs (medians over seeds) against"
          + " NMF's final medians](").append(growth).append(".png)\n\n");
      String figure = lightCase.name() + ".png";
      png(figure, figure(scene, mine));
      md.append("![").append(lightCase.name()).append(": truth and recovered factors, seed 0](").append(figure)
          .append(")\n\n");
    }
    try (Writer writer = out.newFile("report.md")) {
      writer.write(md.toString());
    }
  }

  /** DIP's median scores at each scored iteration, with NMF's final medians as dashed lines. */
  private static XYChart growthChart(String name, List<RunResult> runs) {
    List<RunResult> dip = runs.stream().filter(r -> r.spec().method() == Method.DIP).toList();
    List<RunResult> nmf = runs.stream().filter(r -> r.spec().method() == Method.NMF).toList();
    List<Figures.Line> lines = new ArrayList<>();
    int points = dip.stream().mapToInt(r -> r.growth().size()).min().orElse(0);
    double[] x = new double[points];
    for (int k = 0; k < points; k++) {
      x[k] = dip.get(0).growth().get(k).iteration();
    }
    List<ToDoubleFunction<RecoveryScores>> scores = List.of(RecoveryScores::hidden, RecoveryScores::registeredHidden,
        RecoveryScores::frameCorrelation);
    List<String> names = List.of("score_l", "registered_l", "frame_corr");
    for (int s = 0; s < scores.size(); s++) {
      ToDoubleFunction<RecoveryScores> score = scores.get(s);
      double[] y = new double[points];
      for (int k = 0; k < points; k++) {
        int at = k;
        y[k] = median(dip, r -> score.applyAsDouble(r.growth().get(at).scores()));
      }
      lines.add(new Figures.Line("DIP " + names.get(s), x, y, false));
      if (!nmf.isEmpty() && points > 0) {
        double level = median(nmf, r -> score.applyAsDouble(r.scores()));
        lines.add(new Figures.Line("NMF " + names.get(s), new double[] {x[0], x[points - 1]},
            new double[] {level, level}, true));
      }
    }
    return Figures.chart(name + ": scores along the DIP runs", "iteration", "score", false, false, lines);
  }

  /** Whether the DIP medians meet the aims, as measured (not the aims restated). */
  private static String aims(List<RunResult> runs) {
    List<RunResult> dip = runs.stream().filter(r -> r.spec().method() == Method.DIP).toList();
    List<RunResult> nmf = runs.stream().filter(r -> r.spec().method() == Method.NMF).toList();
    if (dip.isEmpty() || nmf.isEmpty()) {
      return "";
    }
    double hidden = median(dip, r -> r.scores().hidden());
    double nmfHidden = median(nmf, r -> r.scores().hidden());
    double transport = median(dip, r -> r.scores().transport());
    double fit = median(dip, r -> r.scores().fit());
    return String.format(Locale.ROOT, "Aims (DIP medians): score_l %.3f (aim >= %.1f: %s), %.2f x NMF's %.3f (aim >= %.0f x:"
            + " %s), score_t %.3f (aim >= %.1f: %s), fit %.4f (aim <= %.2f: %s).%n", hidden, AIM_HIDDEN,
        yes(hidden >= AIM_HIDDEN), hidden / nmfHidden, nmfHidden, AIM_RATIO, yes(hidden >= AIM_RATIO * nmfHidden),
        transport, AIM_TRANSPORT, yes(transport >= AIM_TRANSPORT), fit, AIM_FIT, yes(fit <= AIM_FIT));
  }

  private static String yes(boolean met) {
    return met ? "met" : "not met";
  }

  /** Rows: T then L; columns: the truth, then each method's seed-0 factors. */
  private static BufferedImage figure(LightScene scene, List<RunResult> runs) {
    List<BufferedImage> transports = new ArrayList<>(List.of(image(scene.transport())));
    List<BufferedImage> hiddens = new ArrayList<>(List.of(image(scene.hidden())));
    List<String> captionsT = new ArrayList<>(List.of("T, truth"));
    List<String> captionsL = new ArrayList<>(List.of("L, truth"));
    for (Method method : Method.values()) {
      runs.stream().filter(r -> r.spec().method() == method && r.spec().seed() == 0).findFirst().ifPresent(r -> {
        transports.add(image(r.factors().transport()));
        hiddens.add(image(r.factors().hidden()));
        captionsT.add("T, " + method.label());
        captionsL.add("L, " + method.label());
      });
    }
    return MatrixImages.column(List.of(MatrixImages.row(transports, captionsT), MatrixImages.row(hiddens, captionsL)));
  }

  private static BufferedImage image(Matrix m) {
    return MatrixImages.of(m, Math.max(1, SHOWN / Math.max(m.rows(), m.cols())));
  }

  private static double median(List<RunResult> runs, ToDoubleFunction<RunResult> value) {
    double[] v = runs.stream().mapToDouble(value).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
  }

  private void png(String name, BufferedImage image) throws IOException {
    try (OutputStream stream = out.newStream(name)) {
      MatrixImages.writePng(image, stream);
    }
  }
}
