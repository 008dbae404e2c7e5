package io.sparkdmf.jobs.experiment;

import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.optim.GradientDescent;
import io.sparkdmf.core.sharpness.HessianVectorProduct;
import io.sparkdmf.core.sharpness.LossNormalisation;
import io.sparkdmf.core.sharpness.ObservedEntries;
import io.sparkdmf.core.sharpness.SharpnessFormulas;
import io.sparkdmf.core.train.DivergenceException;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dmf experiment escape}: gradient descent started within 1e-9 of a minimizer of a 15-layer
 * scalar factorization of a random scalar, displaced along the Hessian's top eigenvector, with steps
 * 0.9 to 3 times 2/lambda_max (maths.md section 4). The loss is (w_15 ... w_1 - m)^2 (c = 1), the
 * trainer's mean over one entry. The start is a minimizer {@value #START_SHARPNESS} times sharper
 * than the flattest, so a flatter minimizer with lambda = 2/eta exists for factors up to that ratio
 * and none beyond it.
 */
@Command(name = "escape", mixinStandardHelpOptions = true, sortOptions = false,
    description = "The escape of gradient descent from minima sharper than 2/step (scalar factorization),"
        + " with escape.csv, figures and report.md.")
public final class EscapeExperiment implements Callable<Integer> {
  static final int DEPTH = 15;
  static final double START_SHARPNESS = 1.3;
  static final double[] FACTORS = {0.9, 0.99, 1.01, 1.1, 1.5, 3};
  /** Runs stop here; near lambda = 2/eta the last decades come slowly (the deviation flips sign each step). */
  private static final double STOP_LOSS = 1e-24;
  /** A run that reached this loss has settled at a minimizer. */
  private static final double CONVERGED_LOSS = 1e-20;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--steps", defaultValue = "100000", description = "Most GD steps per run (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the scalar and the start (default: ${DEFAULT-VALUE}).")
  long seed;

  /**
   * One run: its step-size factor, the sharpness at start and end, and every few steps the loss and
   * lambda_max of the zero-residual formula at the current point.
   */
  record Run(double factor, double eta, double lambdaStart, double lambdaEnd, boolean converged, double finalLoss,
      double[] steps, double[] losses, double[] lambdas) {}

  @Override
  public Integer call() throws IOException {
    Files.createDirectories(out);
    Random random = new Random(seed);
    double target = (0.5 + 1.5 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
    double[] start = minimizer(target, random);
    LossNormalisation loss = LossNormalisation.sum();
    double lambdaStart = SharpnessFormulas.scalar(start, loss);
    double[] top = topEigenvector(start, target);
    List<Run> runs = new ArrayList<>();
    for (double factor : FACTORS) {
      runs.add(run(start, top, target, factor, 2 * factor / lambdaStart, lambdaStart));
    }
    write(runs, target, lambdaStart, SharpnessFormulas.flattestPossible(new Matrix(1, 1, new double[] {target}),
        DEPTH, loss));
    return 0;
  }

  /** w_k = |m|^{1/N} e^{t a_k} (sum a_k = 0, last sign fixed so the product is m), t chosen so lambda = 1.3 x the flattest. */
  private static double[] minimizer(double target, Random random) {
    double[] direction = new double[DEPTH];
    double mean = 0;
    for (int k = 0; k < DEPTH; k++) {
      direction[k] = random.nextGaussian();
      mean += direction[k] / DEPTH;
    }
    for (int k = 0; k < DEPTH; k++) {
      direction[k] -= mean;
    }
    double flattest = SharpnessFormulas.flattestPossible(new Matrix(1, 1, new double[] {target}), DEPTH,
        LossNormalisation.sum());
    double low = 0;
    double high = 1;
    while (sharpness(at(target, direction, high)) < START_SHARPNESS * flattest) {
      high *= 2;
    }
    for (int i = 0; i < 200; i++) {
      double mid = (low + high) / 2;
      if (sharpness(at(target, direction, mid)) < START_SHARPNESS * flattest) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return at(target, direction, (low + high) / 2);
  }

  private static double[] at(double target, double[] direction, double t) {
    double[] w = new double[DEPTH];
    for (int k = 0; k < DEPTH; k++) {
      w[k] = Math.pow(Math.abs(target), 1.0 / DEPTH) * Math.exp(t * direction[k]);
    }
    w[DEPTH - 1] *= Math.signum(target);
    return w;
  }

  private static double sharpness(double[] w) {
    return SharpnessFormulas.scalar(w, LossNormalisation.sum());
  }

  private static List<Matrix> scalars(double[] w) {
    List<Matrix> factors = new ArrayList<>();
    for (double v : w) {
      factors.add(new Matrix(1, 1, new double[] {v}));
    }
    return factors;
  }

  private static double[] topEigenvector(double[] w, double target) {
    Matrix hessian = new HessianVectorProduct(scalars(w), new Matrix(1, 1, new double[] {target}),
        ObservedEntries.all(), LossNormalisation.sum()).dense();
    Decompositions.SymmetricEigen eigen = Decompositions.symmetricEigen(hessian);
    double[] top = new double[DEPTH];
    for (int k = 0; k < DEPTH; k++) {
      top[k] = eigen.eigenvectors().get(k, DEPTH - 1);
    }
    return top;
  }

  private Run run(double[] start, double[] top, double target, double factor, double eta, double lambdaStart) {
    double[] w = start.clone();
    for (int k = 0; k < DEPTH; k++) {
      w[k] += 1e-9 * top[k];
    }
    DeepFactorization model = new DeepFactorization(scalars(w));
    List<Double> recordedSteps = new ArrayList<>();
    List<Double> recordedLosses = new ArrayList<>();
    List<Double> recordedLambdas = new ArrayList<>();
    boolean converged;
    double finalLoss;
    try (CompletionObjective objective = CompletionObjective.local(
        List.of(new EntryBlock(new int[] {0}, new int[] {0}, new double[] {target})), 1)) {
      Trainer trainer = new Trainer(new StoppingRule(steps, STOP_LOSS), (step, value, state, seconds) -> {
        if (step % (step < 1000 ? 20 : 2000) == 0) { // enough points for a log-scale figure
          recordedSteps.add((double) step);
          recordedLosses.add(Math.max(value, 1e-300));
          recordedLambdas.add(sharpness(values(state.model())));
        }
      });
      try {
        var result = trainer.train(model, objective, new GradientDescent(eta));
        finalLoss = result.trainLoss();
        converged = finalLoss <= CONVERGED_LOSS;
      } catch (DivergenceException e) {
        finalLoss = Double.POSITIVE_INFINITY;
        converged = false;
      }
    }
    return new Run(factor, eta, lambdaStart, converged ? sharpness(values(model)) : Double.NaN, converged, finalLoss,
        recordedSteps.stream().mapToDouble(Double::doubleValue).toArray(),
        recordedLosses.stream().mapToDouble(Double::doubleValue).toArray(),
        recordedLambdas.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double[] values(DeepFactorization model) {
    double[] w = new double[DEPTH];
    for (int k = 0; k < DEPTH; k++) {
      w[k] = model.factor(k + 1).get(0, 0);
    }
    return w;
  }

  private void write(List<Run> runs, double target, double lambdaStart, double flattest) throws IOException {
    List<String> csv = new ArrayList<>();
    csv.add("problem,eta_factor,eta,lambda_start,lambda_end,converged,final_loss");
    StringBuilder report = new StringBuilder();
    report.append("# Escape from sharp minima (scalar factorization)\n\n")
        .append(String.format(Locale.ROOT, "Depth %d, m = %.6f, start lambda_max = %.6f (%.2f x the flattest"
            + " possible, %.6f); GD from within 1e-9 of the start along the top eigenvector, at most %d steps.%n%n",
            DEPTH, target, lambdaStart, lambdaStart / flattest, flattest, steps))
        .append("| eta / (2 / lambda_start) | eta | converged | lambda_end | lambda_end / (2 / eta) | final loss |\n")
        .append("| --- | --- | --- | --- | --- | --- |\n");
    List<Figures.Line> lines = new ArrayList<>();
    List<Figures.Line> sharpnessLines = new ArrayList<>();
    for (Run r : runs) {
      csv.add(String.format(Locale.ROOT, "scalar,%s,%.12g,%.12g,%s,%s,%s", r.factor(), r.eta(), r.lambdaStart(),
          Double.isNaN(r.lambdaEnd()) ? "" : String.format(Locale.ROOT, "%.12g", r.lambdaEnd()), r.converged(),
          r.finalLoss()));
      report.append(String.format(Locale.ROOT, "| %s | %.6g | %s | %s | %s | %.3g |%n", r.factor(), r.eta(),
          r.converged() ? "yes" : "no", Double.isNaN(r.lambdaEnd()) ? "" : String.format(Locale.ROOT, "%.6f", r.lambdaEnd()),
          Double.isNaN(r.lambdaEnd()) ? "" : String.format(Locale.ROOT, "%.4f", r.lambdaEnd() * r.eta() / 2),
          r.finalLoss()));
      lines.add(new Figures.Line("eta = " + r.factor() + " x 2/lambda", r.steps(), r.losses(), false));
      sharpnessLines.add(new Figures.Line("eta = " + r.factor() + " x 2/lambda", r.steps(), r.lambdas(), false));
    }
    Files.write(out.resolve("escape.csv"), csv);
    Figures.save(Figures.chart("Loss over GD steps (scalar, depth " + DEPTH + ")", "step", "loss", false, true,
        lines), out.resolve("loss"));
    Figures.save(Figures.chart("lambda_max (zero-residual formula) over GD steps", "step", "lambda_max", false,
        false, sharpnessLines), out.resolve("lambda"));
    report.append("\n![loss over steps](loss.png)\n\n![lambda_max over steps](lambda.png)\n\n")
        .append("Expected (maths.md section 4): below 1 GD returns to the start (lambda_end = lambda_start);"
            + " just above 1 it leaves and settles at a flatter minimizer with lambda_end = 2/eta; beyond the"
            + " start's sharpness ratio no minimizer is that flat and GD does not converge.\n");
    Files.writeString(out.resolve("report.md"), report.toString());
  }
}
