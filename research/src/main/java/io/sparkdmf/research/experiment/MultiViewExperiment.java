package io.sparkdmf.research.experiment;

import io.sparkdmf.core.multiview.ClusteringSettings;
import io.sparkdmf.core.multiview.ExponentController;
import io.sparkdmf.core.multiview.MultiViewData;
import io.sparkdmf.core.multiview.SampleBlock;
import io.sparkdmf.data.AtomicOutputDirectory;
import io.sparkdmf.data.InputException;
import io.sparkdmf.data.multiview.GeneratedSuite;
import io.sparkdmf.jobs.OutputOptions;
import io.sparkdmf.jobs.RunRecord;
import io.sparkdmf.jobs.ViewCsvOptions;
import io.sparkdmf.research.experiment.MultiViewRuns.Method;
import io.sparkdmf.research.experiment.MultiViewRuns.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dmf experiment multiview}: without {@code --data}, the model with its defaults against k-means
 * baselines on every generated data set ({@link GeneratedSuite}) and on uci-mfeat, a table per data set
 * and a summary; with {@code --data DIR} (every CSV a view), the model against its own ablations and
 * the baselines on that one data set. Writes {@code results.csv}, {@code runs.csv}, figures and
 * {@code report.md}. Runs are independent and spread over threads; each uses the local engine (the data
 * sets this is meant for fit on one machine; {@code dmf cluster --engine spark} gives the same numbers
 * on a cluster).
 */
@Command(name = "multiview", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Multi-view clustering against k-means baselines: on the generated suite and uci-mfeat, or with"
        + " --data on one data set with the model's ablations; results.csv, figures and report.md.")
public final class MultiViewExperiment implements Callable<Integer> {
  static final String HALF_BUDGET = "dmfaw-half-budget";
  static final String FIXED_P_HALF_BUDGET = "dmfaw-fixed-p-half-budget";
  private static final double AIM_ACC = 0.90;
  private static final double AIM_NMI = 0.85;
  /** Each generated data set is generated from this seed; the run seeds vary the methods only. */
  private static final long DATA_SEED = 0;

  @Option(names = "--data", paramLabel = "DIR",
      description = "One data set: a directory whose CSV files (sorted by name) are the views, rows = samples."
          + " Without it, the generated suite and uci-mfeat.")
  Path data;

  @Option(names = "--mfeat", paramLabel = "DIR", defaultValue = "data/datasets/uci-mfeat",
      description = "Without --data: where the uci-mfeat CSVs are (default: ${DEFAULT-VALUE}).")
  Path mfeat;

  @Mixin ViewCsvOptions csv;

  @Option(names = "--k", description = "With --data: clusters (default: the number of distinct labels).")
  Integer clusters;

  @Option(names = "--seeds", defaultValue = "10", description = "Seeds 0..N-1 per method (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--weight-cap", defaultValue = "" + ClusteringSettings.DEFAULT_WEIGHT_CAP,
      description = "The model's feature-weight cap, in multiples of uniform; Infinity = none (default: ${DEFAULT-VALUE}).")
  double weightCap;

  @Option(names = "--threads", description = "Runs at once (default: the available cores).")
  Integer threads;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
    }
    return data != null ? oneDataSet() : suite();
  }

  private int workers() {
    return threads != null ? threads : Runtime.getRuntime().availableProcessors();
  }

  private static MultiViewData readDirectory(Path directory, ViewCsvOptions options) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
    } catch (IOException e) {
      throw new InputException(directory.toString(), "cannot list the directory: " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new InputException(directory.toString(), "no .csv files (one per view) in this directory");
    }
    MultiViewData raw = options.read(files, null);
    if (raw.labels() == null) {
      throw new InputException(directory.toString(), "the experiment needs labels: give --label-column first or last");
    }
    return raw;
  }

  /** The generated suite and uci-mfeat, all methods of all data sets on one thread pool. */
  private int suite() throws Exception {
    if (!Files.isDirectory(mfeat)) {
      throw new InputException(mfeat.toString(), "no uci-mfeat directory here: run from the repository's top"
          + " directory or give --mfeat DIR");
    }
    List<MultiViewSuite.DataSet> sets = new ArrayList<>();
    for (GeneratedSuite generator : GeneratedSuite.values()) {
      sets.add(new MultiViewSuite.DataSet(generator.label(), generator.description(), generator.generate(DATA_SEED)));
    }
    sets.add(new MultiViewSuite.DataSet("uci-mfeat", "UCI handwritten digits, 6 feature types",
        readDirectory(mfeat, ViewCsvOptions.headerAndLastLabelColumn())));
    List<MultiViewSuite.Plan> plans = sets.stream().map(set -> MultiViewSuite.plan(set, weightCap)).toList();
    List<Method> all = plans.stream().flatMap(plan -> plan.methods().stream()).toList();
    Configuration conf = new Configuration();
    try (AtomicOutputDirectory directory = AtomicOutputDirectory.create(output.out, output.overwrite, conf)) {
      List<List<Run>> runs = MultiViewRuns.runAll(all, seeds, workers());
      List<List<List<Run>>> perSet = new ArrayList<>();
      int at = 0;
      for (MultiViewSuite.Plan plan : plans) {
        perSet.add(runs.subList(at, at + plan.methods().size()));
        at += plan.methods().size();
      }
      new MultiViewSuiteReport(directory).write(plans, perSet, seeds);
      RunRecord.current().writeTo(directory, conf);
      directory.commit();
    }
    return 0;
  }

  /** One data set: the model, its ablations and the k-means baselines. */
  private int oneDataSet() throws Exception {
    MultiViewData raw = readDirectory(data, csv);
    int k = clusters != null ? clusters : (int) Arrays.stream(raw.labels()).distinct().count();
    MultiViewRuns.Prepared set = MultiViewRuns.Prepared.of(raw);
    set.dropped().forEach(d -> System.out.println(d.summary()));
    MultiViewData prepared = set.data();
    List<SampleBlock> withGraphs = set.blocks();
    ClusteringSettings defaults = ClusteringSettings.defaults(k, 0).withWeightCap(weightCap);

    List<Method> methods = new ArrayList<>();
    methods.add(new Method("dmfaw", "deep semi-NMF, adaptive feature weights, p controller, neighbour graph, late fusion",
        seed -> MultiViewRuns.model("dmfaw", defaults, seed, prepared, withGraphs)));
    ExponentController fixed = new ExponentController(false, defaults.exponent().reference(), 0, 0,
        defaults.exponent().min(), defaults.exponent().max());
    methods.add(new Method("dmfaw-fixed-p", "as dmfaw, p fixed at " + fixed.reference(),
        seed -> MultiViewRuns.model("dmfaw-fixed-p", defaults.withExponent(fixed), seed, prepared, withGraphs)));
    // the controller's aim is to converge in fewer outer iterations: both again, with half the budget
    int half = defaults.maxIterations() / 2;
    methods.add(new Method(HALF_BUDGET, "as dmfaw, stopped after " + half + " outer iterations",
        seed -> MultiViewRuns.model(HALF_BUDGET, defaults.withMaxIterations(half), seed, prepared, withGraphs)));
    methods.add(new Method(FIXED_P_HALF_BUDGET, "as dmfaw-fixed-p, stopped after " + half + " outer iterations",
        seed -> MultiViewRuns.model(FIXED_P_HALF_BUDGET, defaults.withExponent(fixed).withMaxIterations(half), seed,
            prepared, withGraphs)));
    methods.add(new Method("dmfaw-uniform-weights", "as dmfaw, feature weights fixed and uniform",
        seed -> MultiViewRuns.model("dmfaw-uniform-weights", defaults.withAdaptiveWeights(false), seed, prepared,
            withGraphs)));
    methods.add(new Method("dmfaw-no-weight-cap", "as dmfaw, feature weights without a cap",
        seed -> MultiViewRuns.model("dmfaw-no-weight-cap", defaults.withWeightCap(Double.POSITIVE_INFINITY), seed,
            prepared, withGraphs)));
    methods.add(new Method("dmfaw-no-graph", "as dmfaw, without the neighbour-graph term",
        seed -> MultiViewRuns.model("dmfaw-no-graph", defaults.withGraphWeight(0), seed, prepared, withGraphs)));
    MultiViewData concatenated = prepared.concatenated();
    methods.add(new Method("kmeans-concat", "k-means++ on the concatenated views, each normalised as the model's",
        seed -> MultiViewRuns.kmeans("kmeans-concat", concatenated, k, seed)));
    for (int v = 0; v < prepared.views().size(); v++) {
      String name = "kmeans-" + prepared.names().get(v);
      MultiViewData single = prepared.view(v);
      methods.add(new Method(name, "k-means++ on the view " + prepared.names().get(v) + " alone",
          seed -> MultiViewRuns.kmeans(name, single, k, seed)));
    }

    Configuration conf = new Configuration();
    // created before the runs, so that a name clash fails now rather than after them
    try (AtomicOutputDirectory directory = AtomicOutputDirectory.create(output.out, output.overwrite, conf)) {
      List<List<Run>> runs = MultiViewRuns.runAll(methods, seeds, workers());
      MultiViewReport report = new MultiViewReport(directory, prepared.names(), AIM_ACC, AIM_NMI);
      report.write(methods.stream().map(Method::name).toList(), methods.stream().map(Method::description).toList(),
          runs, String.format(Locale.ROOT, "%d samples, %d views, k = %d, seeds 0-%d; k-means++ baselines with %d"
              + " restarts; neighbour graphs built once in %.1f s (not in the seconds below)", raw.samples(),
              raw.views().size(), k, seeds - 1, MultiViewRuns.BASELINE_RESTARTS, set.graphSeconds()));
      RunRecord.current().writeTo(directory, conf);
      directory.commit();
    }
    return 0;
  }
}
