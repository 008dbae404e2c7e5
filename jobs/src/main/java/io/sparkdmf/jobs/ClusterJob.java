package io.sparkdmf.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkdmf.core.multiview.ClusteringMetrics;
import io.sparkdmf.core.multiview.ClusteringResult;
import io.sparkdmf.core.multiview.ClusteringSettings;
import io.sparkdmf.core.multiview.ExponentController;
import io.sparkdmf.core.multiview.LocalSampleBlocks;
import io.sparkdmf.core.multiview.MultiViewClustering;
import io.sparkdmf.core.multiview.MultiViewData;
import io.sparkdmf.core.multiview.SampleBlock;
import io.sparkdmf.core.multiview.SampleBlocks;
import io.sparkdmf.core.multiview.SparkSampleBlocks;
import io.sparkdmf.core.multiview.ViewNormalisation;
import io.sparkdmf.data.AtomicOutputDirectory;
import io.sparkdmf.data.MultiViewReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.ArgGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dmf cluster}: multi-view clustering by deep semi-NMF with adaptive feature weights and late
 * fusion (docs/maths.md §5); writes the assignment, the weights, the objective per iteration and,
 * with labels, ACC, NMI, purity and ARI.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Multi-view clustering (deep semi-NMF per view, adaptive feature weights, late fusion).")
final class ClusterJob implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterJob.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Where the views come from: CSV files or one .mat file. */
  static final class Source {
    @Option(names = "--views", split = ",", paramLabel = "FILE",
        description = "One CSV per view, rows = samples (comma, tab, semicolon or space separated).")
    List<Path> csv;

    @Option(names = "--mat", paramLabel = "FILE", description = "A MATLAB v5 .mat file with a cell array of views.")
    Path mat;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--labels", paramLabel = "FILE", description = "Ground-truth labels, one integer per line.")
  Path labels;

  @Mixin ViewCsvOptions csv;

  @Option(names = "--views-variable", description = "The .mat cell array of views (default: X, data, fea or views).")
  String viewsVariable;

  @Option(names = "--labels-variable", description = "The .mat labels (default: Y, y, gt, truth, labels or gnd).")
  String labelsVariable;

  @Mixin ClusteringOptions clustering;

  @Option(names = "--engine", defaultValue = "local",
      description = "local (driver) or spark (samples in RDD partitions) (default: ${DEFAULT-VALUE}).")
  String engine;

  @Option(names = "--parallelism", description = "Sample blocks (default: Spark's default parallelism).")
  Integer parallelism;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws IOException {
    MultiViewData data = source.mat != null
        ? MultiViewReader.readMat(source.mat, viewsVariable, labelsVariable,
            labels != null ? MultiViewReader.readLabels(labels) : null)
        : csv.read(source.csv, labels);
    ClusteringSettings settings = clustering.settings();
    JavaSparkContext sc = SparkContexts.start("dmf cluster");
    try (AtomicOutputDirectory out = AtomicOutputDirectory.create(output.out, output.overwrite, sc.hadoopConfiguration())) {
      int blocks = parallelism != null ? parallelism : sc.defaultParallelism();
      long start = System.nanoTime();
      MultiViewData.Varying varying = data.withoutConstantFeatures();
      varying.dropped().forEach(d -> LOG.info(d.summary()));
      MultiViewData prepared = clustering.prepare(varying.data());
      ClusteringResult result;
      try (SampleBlocks samples = switch (engine) {
        case "local" -> new LocalSampleBlocks(clustering.blocks(prepared, blocks));
        case "spark" -> new SparkSampleBlocks(sc, clustering.blocks(prepared, blocks));
        default -> throw new IllegalArgumentException("--engine must be local or spark, got '" + engine + "'");
      }) {
        result = new MultiViewClustering(settings).fit(samples, prepared.featureCounts());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Object> metrics = new LinkedHashMap<>();
      if (data.labels() != null) {
        ClusteringMetrics m = ClusteringMetrics.of(data.labels(), result.assignment());
        metrics.put("acc", m.accuracy());
        metrics.put("nmi", m.nmi());
        metrics.put("purity", m.purity());
        metrics.put("ari", m.ari());
      }
      metrics.put("iterations", result.iterations());
      metrics.put("converged", result.converged());
      metrics.put("seconds", seconds);
      metrics.put("engine", engine);
      metrics.put("samples", data.samples());
      metrics.put("views", prepared.names());
      metrics.put("settings", clustering.describe());
      write(out, data, prepared, varying.kept(), result, metrics);
      RunRecord.current().writeTo(out, sc.hadoopConfiguration());
      out.commit();
      System.out.println(JSON.writeValueAsString(metrics));
    }
    return 0;
  }

  /** @param kept per view, the original index of each feature the model saw (constant ones were dropped) */
  private static void write(AtomicOutputDirectory out, MultiViewData data, MultiViewData prepared, int[][] kept,
      ClusteringResult result, Map<String, Object> metrics) throws IOException {
    try (Writer w = out.newFile("metrics.json")) {
      w.write(JSON.writeValueAsString(metrics));
    }
    try (Writer w = out.newFile("assignment.csv")) {
      w.write(data.labels() != null ? "sample,cluster,label\n" : "sample,cluster\n");
      for (int i = 0; i < result.assignment().length; i++) {
        w.write(i + "," + result.assignment()[i] + (data.labels() != null ? "," + data.labels()[i] : "") + "\n");
      }
    }
    try (Writer w = out.newFile("view_weights.csv")) {
      w.write("view,weight\n");
      for (int v = 0; v < result.viewWeights().length; v++) {
        w.write(prepared.names().get(v) + "," + result.viewWeights()[v] + "\n");
      }
    }
    try (Writer w = out.newFile("feature_weights.csv")) {
      w.write("view,feature,weight\n");
      for (int v = 0; v < result.featureWeights().length; v++) {
        boolean perView = prepared.views().size() == kept.length; // early fusion numbers the concatenation
        for (int j = 0; j < result.featureWeights()[v].length; j++) {
          w.write(prepared.names().get(v) + "," + (perView ? kept[v][j] : j) + "," + result.featureWeights()[v][j]
              + "\n");
        }
      }
    }
    try (Writer w = out.newFile("objective.csv")) {
      w.write("iteration,objective,p\n");
      for (int t = 0; t < result.objective().length; t++) {
        w.write(String.format(Locale.ROOT, "%d,%.12g,%.6g%n", t, result.objective()[t], result.exponent()[t]));
      }
    }
  }

  /** The model options, shared by the cluster job and the multiview experiment. */
  static final class ClusteringOptions {
    @Option(names = "--k", required = true, description = "Number of clusters.")
    int clusters;

    @Option(names = "--normalisation", defaultValue = "auto",
        description = "Per view: auto (unit-norm for views with no negative value and at least half zeros, such as"
            + " word counts; zscore otherwise), zscore (features), unit-norm (samples), minmax (features) or none"
            + " (default: ${DEFAULT-VALUE}).")
    String normalisation;

    @Option(names = "--hidden", defaultValue = "0",
        description = "Size of the layer between features and the k-row layer; 0 = max(k, min(d_v, 4k)) per view (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--pretrain-iterations", defaultValue = "100", description = "Semi-NMF iterations per pretrained layer (default: ${DEFAULT-VALUE}).")
    int pretrainIterations;

    @Option(names = "--max-iterations", defaultValue = "300", description = "Most outer iterations (default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--tolerance", defaultValue = "1e-5", description = "Stop when the objective's relative change is below this (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--uniform-weights", description = "Ablation: fixed uniform feature weights.")
    boolean uniformWeights;

    @Option(names = "--weight-cap", defaultValue = "" + ClusteringSettings.DEFAULT_WEIGHT_CAP,
        description = "The largest a feature's weight may be, in multiples of uniform; Infinity = no cap"
            + " (default: ${DEFAULT-VALUE}).")
    double weightCap;

    @Option(names = "--fixed-p", description = "Ablation: keep p at --p instead of the controller.")
    boolean fixedP;

    @Option(names = "--p", defaultValue = "2", description = "The controller's reference p, or the fixed p (default: ${DEFAULT-VALUE}).")
    double p;

    @Option(names = "--graph-weight", defaultValue = "10",
        description = "Strength of the neighbour-graph term relative to the fit; 0 = none (default: ${DEFAULT-VALUE}).")
    double graphWeight;

    @Option(names = "--neighbours", defaultValue = "10",
        description = "Neighbours per sample in each view's graph (default: ${DEFAULT-VALUE}).")
    int neighbours;

    @Option(names = "--early-fusion", description = "Ablation: concatenate the views into one instead of late fusion.")
    boolean earlyFusion;

    @Option(names = "--restarts", defaultValue = "0",
        description = "k-means++ restarts on the consensus; 0 = 50,000 / k^2 within 10..500 (default: ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    ClusteringSettings settings() {
      ExponentController base = ExponentController.defaults();
      ExponentController law = new ExponentController(!fixedP, p, base.proportional(), base.integral(),
          Math.min(base.min(), p), Math.max(base.max(), p));
      return new ClusteringSettings(clusters, hidden, pretrainIterations, maxIterations, tolerance, !uniformWeights,
          weightCap, law, graphWeight, restarts, seed);
    }

    /** The sample blocks, with each view's neighbour graph when the graph term is on. */
    List<SampleBlock> blocks(MultiViewData prepared, int count) {
      return prepared.blocks(count, graphWeight > 0 ? prepared.neighbourGraphs(neighbours) : null);
    }

    MultiViewData prepare(MultiViewData data) {
      ViewNormalisation chosen = ViewNormalisation.parse(normalisation);
      for (int v = 0; v < data.views().size(); v++) {
        String applied = chosen.resolve(data.views().get(v)).name().toLowerCase(Locale.ROOT).replace('_', '-');
        LOG.info("view '{}': {} samples x {} features, normalised by {}", data.names().get(v), data.samples(),
            data.views().get(v).cols(), applied);
      }
      MultiViewData normalised = data.normalised(chosen);
      return earlyFusion ? normalised.concatenated() : normalised;
    }

    Map<String, Object> describe() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("k", clusters);
      out.put("normalisation", normalisation);
      out.put("hidden", hidden);
      out.put("adaptive_weights", !uniformWeights);
      out.put("weight_cap", weightCap);
      out.put("controller", !fixedP);
      out.put("p", p);
      out.put("graph_weight", graphWeight);
      out.put("neighbours", neighbours);
      out.put("early_fusion", earlyFusion);
      out.put("seed", seed);
      return out;
    }
  }
}
