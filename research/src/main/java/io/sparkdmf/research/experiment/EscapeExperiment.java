package io.sparkdmf.research.experiment;

import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.optim.GradientDescent;
import io.sparkdmf.core.sharpness.HessianVectorProduct;
import io.sparkdmf.core.train.DivergenceException;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.data.AtomicOutputDirectory;
import io.sparkdmf.jobs.OutputOptions;
import io.sparkdmf.jobs.RunRecord;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dmf experiment escape}: gradient descent started within 1e-9 of a sharp minimizer, displaced
 * along the Hessian's top eigenvector, with steps 0.9 to 3 times 2/lambda_max (docs/maths.md §4), on
 * the published problem (a 15-layer scalar factorization of a random scalar) and on a matrix version
 * (a depth-3 factorization of a random 3 x 3 matrix). The loss is the trainer's mean over the entries.
 * Each start is {@value #START_SHARPNESS} times sharper than the flattest minimizer of its target, so a
 * flatter minimizer with lambda = 2/eta exists for factors up to that ratio and none beyond it.
 */
@Command(name = "escape", mixinStandardHelpOptions = true, sortOptions = false,
    description = "The escape of gradient descent from minima sharper than 2/step (scalar and matrix"
        + " factorizations), with escape.csv, figures and report.md.")
public final class EscapeExperiment implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(EscapeExperiment.class);
  static final int SCALAR_DEPTH = 15;
  static final int MATRIX_DEPTH = 3;
  static final int MATRIX_SIZE = 3;
  static final double START_SHARPNESS = 1.3;
  static final double[] FACTORS = {0.9, 0.99, 1.01, 1.1, 1.5, 3};
  /** Runs stop here; near lambda = 2/eta the last decades come slowly (the deviation flips sign each step). */
  private static final double STOP_LOSS = 1e-24;
  /** A run that reached this loss has settled at a minimizer. */
  private static final double CONVERGED_LOSS = 1e-20;

  @Mixin OutputOptions output;

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
    Configuration conf = new Configuration();
    try (AtomicOutputDirectory out = AtomicOutputDirectory.create(output.out, output.overwrite, conf)) {
      runAll(out);
      RunRecord.current().writeTo(out, conf);
      out.commit();
    }
    LOG.info("escape: results in {}", output.out);
    return 0;
  }

  private void runAll(AtomicOutputDirectory out) throws IOException {
    Random random = new Random(seed);
    List<EscapeProblem> problems = List.of(EscapeProblem.scalar(SCALAR_DEPTH, START_SHARPNESS, random),
        EscapeProblem.matrix(MATRIX_SIZE, MATRIX_DEPTH, START_SHARPNESS, random));
    List<String> csv = new ArrayList<>();
    csv.add("problem,eta_factor,eta,lambda_start,lambda_end,converged,final_loss");
    StringBuilder report = new StringBuilder("# Escape from sharp minima\n\n");
    for (EscapeProblem problem : problems) {
      double lambdaStart = problem.sharpness(new DeepFactorization(problem.start()));
      double[] top = problem.topEigenvector();
      List<Run> runs = new ArrayList<>();
      for (double factor : FACTORS) {
        Run run = run(problem, top, factor, 2 * factor / lambdaStart, lambdaStart);
        LOG.info(String.format(Locale.ROOT, "escape: %s, step %.2f x 2/lambda_max: %s", problem.name(), factor,
            run.converged() ? String.format(Locale.ROOT, "settled, lambda_max %.6f -> %.6f (2/step = %.6f)",
                lambdaStart, run.lambdaEnd(), 2 / run.eta()) : "did not converge"));
        runs.add(run);
      }
      write(out, problem, runs, csv, report);
    }
    try (Writer w = out.newFile("escape.csv")) {
      w.write(String.join("\n", csv) + "\n");
    }
    report.append("Expected (docs/maths.md §4): below 1 GD returns to the start (lambda_end = lambda_start);"
        + " just above 1 it leaves and settles at a flatter minimizer with lambda_end = 2/eta; beyond the"
        + " start's sharpness ratio no minimizer is that flat and GD does not converge. lambda is the"
        + " largest eigenvalue of the zero-residual (Gauss-Newton) Hessian J^T J at the current point,"
        + " which is the Hessian's at a minimizer.\n");
    try (Writer w = out.newFile("report.md")) {
      w.write(report.toString());
    }
  }

  private Run run(EscapeProblem problem, double[] top, double factor, double eta, double lambdaStart) {
    double[] displaced = HessianVectorProduct.flatten(problem.start()); // a fresh array: the start stays
    for (int p = 0; p < displaced.length; p++) {
      displaced[p] += 1e-9 * top[p];
    }
    DeepFactorization model = new DeepFactorization(HessianVectorProduct.split(displaced, problem.start()));
    List<Double> recordedSteps = new ArrayList<>();
    List<Double> recordedLosses = new ArrayList<>();
    List<Double> recordedLambdas = new ArrayList<>();
    boolean converged;
    double finalLoss;
    try (CompletionObjective objective = CompletionObjective.local(List.of(problem.entries()), 1)) {
      Trainer trainer = new Trainer(new StoppingRule(steps, STOP_LOSS), (step, value, state, seconds) -> {
        if (step % (step < 1000 ? 20 : 2000) == 0) { // enough points for a log-scale figure
          recordedSteps.add((double) step);
          recordedLosses.add(Math.max(value, 1e-300));
          recordedLambdas.add(problem.sharpness(state.model()));
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
    return new Run(factor, eta, lambdaStart, converged ? problem.sharpness(model) : Double.NaN, converged, finalLoss,
        recordedSteps.stream().mapToDouble(Double::doubleValue).toArray(),
        recordedLosses.stream().mapToDouble(Double::doubleValue).toArray(),
        recordedLambdas.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private void write(AtomicOutputDirectory out, EscapeProblem problem, List<Run> runs, List<String> csv,
      StringBuilder report)
      throws IOException {
    String name = problem.name();
    double lambdaStart = runs.get(0).lambdaStart();
    report.append(String.format(Locale.ROOT, "## %s: depth %d, %d x %d target%n%n", name, problem.depth(),
            problem.target().rows(), problem.target().cols()))
        .append(String.format(Locale.ROOT, "Start lambda_max = %.6f (%.2f x the flattest possible, %.6f); GD from"
            + " within 1e-9 of the start along the top eigenvector, at most %d steps.%n%n",
            lambdaStart, lambdaStart / problem.flattest(), problem.flattest(), steps))
        .append("| eta / (2 / lambda_start) | eta | converged | lambda_end | lambda_end / (2 / eta) | final loss |\n")
        .append("| --- | --- | --- | --- | --- | --- |\n");
    List<Figures.Line> lines = new ArrayList<>();
    List<Figures.Line> sharpnessLines = new ArrayList<>();
    for (Run r : runs) {
      csv.add(String.format(Locale.ROOT, "%s,%s,%.12g,%.12g,%s,%s,%s", name, r.factor(), r.eta(), r.lambdaStart(),
          Double.isNaN(r.lambdaEnd()) ? "" : String.format(Locale.ROOT, "%.12g", r.lambdaEnd()), r.converged(),
          r.finalLoss()));
      report.append(String.format(Locale.ROOT, "| %s | %.6g | %s | %s | %s | %.3g |%n", r.factor(), r.eta(),
          r.converged() ? "yes" : "no", Double.isNaN(r.lambdaEnd()) ? "" : String.format(Locale.ROOT, "%.6f", r.lambdaEnd()),
          Double.isNaN(r.lambdaEnd()) ? "" : String.format(Locale.ROOT, "%.4f", r.lambdaEnd() * r.eta() / 2),
          r.finalLoss()));
      double[] stepsPlusOne = Arrays.stream(r.steps()).map(x -> x + 1).toArray(); // for a log axis
      lines.add(new Figures.Line("eta = " + r.factor() + " x 2/lambda", stepsPlusOne, r.losses(), false));
      sharpnessLines.add(new Figures.Line("eta = " + r.factor() + " x 2/lambda", stepsPlusOne, r.lambdas(), false));
    }
    String title = String.format(Locale.ROOT, "(%s, depth %d)", name, problem.depth());
    Figures.save(Figures.chart("Loss over GD steps " + title, "step + 1", "loss", true, true, lines),
        out, name + "-loss");
    Figures.save(Figures.chart("lambda_max over GD steps " + title, "step + 1", "lambda_max", true, false,
        sharpnessLines), out, name + "-lambda");
    report.append(String.format(Locale.ROOT, "%n![loss over steps](%1$s-loss.png)%n%n"
        + "![lambda_max over steps](%1$s-lambda.png)%n%n", name));
  }
}
