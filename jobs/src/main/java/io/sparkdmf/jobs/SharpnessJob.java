package io.sparkdmf.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.sharpness.BalanceDiagnostics;
import io.sparkdmf.core.sharpness.EntryGaussNewtonOperator;
import io.sparkdmf.core.sharpness.GaussNewtonOperator;
import io.sparkdmf.core.sharpness.HessianVectorProduct;
import io.sparkdmf.core.sharpness.Lanczos;
import io.sparkdmf.core.sharpness.LossNormalisation;
import io.sparkdmf.core.sharpness.ObservedEntries;
import io.sparkdmf.core.sharpness.SharpnessFormulas;
import io.sparkdmf.data.AtomicOutputDirectory;
import io.sparkdmf.core.completion.EntryDataset;
import io.sparkdmf.data.EntryFileReader;
import io.sparkdmf.data.EntryFormat;
import io.sparkdmf.data.ModelStore;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dmf sharpness}: the largest Hessian eigenvalue of a saved model's loss, with balance
 * diagnostics, into metrics.json. With {@code --input} the loss is over those entries (the model's
 * training data); without it, the model is taken as an exact factorization of its own product.
 */
@Command(name = "sharpness", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Sharpness (largest Hessian eigenvalue) of a model saved by complete.",
        "Reports lambda_max of the exact Hessian by Lanczos on Hessian-vector products, the zero-residual"
            + " (Gauss-Newton) value, closed forms where they exist, the flattest possible value, and per-layer"
            + " balance."})
final class SharpnessJob implements Callable<Integer> {
  /** Largest m x n for the exact Hessian (dense residual on the driver); the Gauss-Newton value has no limit. */
  private static final long DENSE_LIMIT = 4_000_000;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "The factors directory (W1.mtx ..).")
  String model;

  @Option(names = "--input", paramLabel = "PATH",
      description = "Entry files the loss is taken over (the training entries); default: every entry of W itself.")
  String input;

  @Option(names = "--header", description = "The entry files start with a header line.")
  boolean header;

  @Option(names = "--one-based", description = "Indices in the entry files start at 1.")
  boolean oneBased;

  @Option(names = "--loss", defaultValue = "mean",
      description = "Loss constant c in l = c sum (W_ij - M_ij)^2: half, sum or mean (1/|Omega|, the trainer's)"
          + " (default: ${DEFAULT-VALUE}).")
  String loss;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    JavaSparkContext sc = SparkContexts.start("dmf sharpness");
    try (AtomicOutputDirectory out = AtomicOutputDirectory.create(output.out, output.overwrite, sc.hadoopConfiguration())) {
      DeepFactorization fitted = ModelStore.load(model, sc.hadoopConfiguration());
      Map<String, Object> metrics;
      LossNormalisation normalisation;
      long count;
      if (input == null) {
        Matrix w = fitted.endToEnd();
        count = (long) w.rows() * w.cols();
        normalisation = normalisation(count);
        metrics = exactMetrics(fitted, w, ObservedEntries.all(), normalisation);
        metrics.put("lambda_max_gauss_newton",
            new GaussNewtonOperator(fitted.factors(), ObservedEntries.all(), normalisation).largestEigenvalue());
        fullyObservedMetrics(metrics, fitted, normalisation);
      } else {
        EntryDataset dataset = new EntryFileReader(sc,
            new EntryFormat(header, oneBased, fitted.rows(), fitted.cols())).read(input);
        JavaRDD<EntryBlock> entries = dataset.blocks().cache();
        count = dataset.count();
        normalisation = normalisation(count);
        metrics = (long) fitted.rows() * fitted.cols() <= DENSE_LIMIT
            ? exactMetrics(fitted, entries.collect(), normalisation) : new LinkedHashMap<>();
        try (CompletionObjective objective = CompletionObjective.spark(entries, count)) {
          metrics.put("lambda_max_gauss_newton",
              new EntryGaussNewtonOperator(objective, fitted, normalisation).largestEigenvalue());
        }
      }
      balanceMetrics(metrics, fitted);
      metrics.put("loss_constant", normalisation.c());
      metrics.put("observed", count);
      try (Writer writer = out.newFile("metrics.json")) {
        writer.write(JSON.writeValueAsString(metrics));
      }
      RunRecord.current().writeTo(out, sc.hadoopConfiguration());
      out.commit();
      System.out.println(JSON.writeValueAsString(metrics));
    }
    return 0;
  }

  private LossNormalisation normalisation(long count) {
    return switch (loss) {
      case "half" -> LossNormalisation.half();
      case "sum" -> LossNormalisation.sum();
      case "mean" -> LossNormalisation.mean(count);
      default -> throw new IllegalArgumentException("--loss must be half, sum or mean, got '" + loss + "'");
    };
  }

  /** The exact Hessian needs the residual as a dense m x n matrix: small models only. */
  private static Map<String, Object> exactMetrics(DeepFactorization fitted, List<EntryBlock> blocks,
      LossNormalisation loss) {
    EntryBlock entries = EntryBlock.concat(blocks);
    Matrix mask = Matrix.zeros(fitted.rows(), fitted.cols());
    Matrix target = fitted.endToEnd();
    for (int e = 0; e < entries.size(); e++) {
      mask.set(entries.row(e), entries.col(e), 1);
      target.set(entries.row(e), entries.col(e), entries.value(e));
    }
    return exactMetrics(fitted, target, new ObservedEntries(mask), loss);
  }

  private static Map<String, Object> exactMetrics(DeepFactorization fitted, Matrix target, ObservedEntries observed,
      LossNormalisation loss) {
    List<Matrix> factors = fitted.factors();
    HessianVectorProduct hessian = new HessianVectorProduct(factors, target, observed, loss);
    int parameters = factors.stream().mapToInt(f -> f.data().length).sum();
    double exact = Lanczos.largestEigenvalue(
        v -> HessianVectorProduct.flatten(hessian.apply(HessianVectorProduct.split(v, factors))), parameters);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("lambda_max", exact);
    metrics.put("stable_step_size", 2 / exact);
    return metrics;
  }

  private static void fullyObservedMetrics(Map<String, Object> metrics, DeepFactorization fitted,
      LossNormalisation loss) {
    double exact = (Double) metrics.get("lambda_max");
    double flattest = SharpnessFormulas.flattestPossible(fitted.endToEnd(), fitted.depth(), loss);
    metrics.put("lambda_min_over_minimizers", flattest);
    metrics.put("sharpness_over_flattest", exact / flattest);
    if (fitted.depth() == 2) {
      metrics.put("lambda_max_closed_form",
          SharpnessFormulas.depthTwo(fitted.factor(1), fitted.factor(2), loss));
    }
  }

  private static void balanceMetrics(Map<String, Object> metrics, DeepFactorization fitted) {
    BalanceDiagnostics balance = BalanceDiagnostics.of(fitted.factors());
    metrics.put("spectral_norms", balance.spectralNorms());
    metrics.put("frobenius_norms", balance.frobeniusNorms());
    metrics.put("imbalance", balance.imbalance());
    metrics.put("depth", fitted.depth());
  }
}
