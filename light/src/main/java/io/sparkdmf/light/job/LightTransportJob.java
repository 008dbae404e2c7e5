package io.sparkdmf.light.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkdmf.data.AtomicOutputDirectory;
import io.sparkdmf.data.MatrixMarket;
import io.sparkdmf.jobs.OutputOptions;
import io.sparkdmf.jobs.RunRecord;
import io.sparkdmf.jobs.SparkContexts;
import io.sparkdmf.light.baseline.Factors;
import io.sparkdmf.light.dip.DeepImagePrior;
import io.sparkdmf.light.dip.DipDefaults;
import io.sparkdmf.light.dip.DipSettings;
import io.sparkdmf.light.io.FrameReader;
import io.sparkdmf.light.score.RecoveryScores;
import io.sparkdmf.light.scene.FrameShape;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dmf light-transport}: recovers a hidden video and its light transport from an observed video. */
@Command(
    name = "light-transport",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Blind light transport: factors the observed video Z (pixels x frames) into a light transport T and a"
            + " hidden video L, both the outputs of deep-image-prior generators.",
        "--frames: a folder of PNG or PGM frames of one size, in file-name order.",
        "Writes hidden/frame-NNNN.png, hidden.gif (observed | hidden), contact-sheet.png, transport.png,"
            + " transport.mtx, hidden.mtx, metrics.json and history.csv into --out, all at once at the end."})
public final class LightTransportJob implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(LightTransportJob.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--frames", required = true, paramLabel = "DIR", description = "Folder of the observed frames.")
  String frames;

  @Option(names = "--hidden", defaultValue = "16x16", paramLabel = "HxW",
      description = "Size of the hidden video's frames (default: ${DEFAULT-VALUE}).")
  String hidden;

  @Option(names = "--seeds", defaultValue = "1", paramLabel = "N",
      description = "Runs from N random starts, side by side as Spark tasks; keeps the one with the lowest"
          + " training loss (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--seed", defaultValue = "0", description = "The first start's seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--iterations", defaultValue = "" + DipDefaults.ITERATIONS,
      description = "Adam steps per run (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--lr", defaultValue = "" + DipDefaults.LEARNING_RATE,
      description = "Adam's step size (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--smoothness", defaultValue = "" + DipDefaults.SMOOTHNESS,
      description = "Weight of the factors' smoothness against the misfit (default: ${DEFAULT-VALUE}).")
  double smoothness;

  @Option(names = "--threads", defaultValue = "1",
      description = "Threads per run; set spark.task.cpus to the same on a cluster (default: ${DEFAULT-VALUE}).")
  int threads;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
    }
    FrameShape hiddenShape = FrameShape.parse(hidden);
    JavaSparkContext sc = SparkContexts.start("dmf light-transport");
    try (AtomicOutputDirectory out =
        AtomicOutputDirectory.create(output.out, output.overwrite, sc.hadoopConfiguration())) {
      FrameReader.Video video = FrameReader.read(frames, sc.hadoopConfiguration());
      if (video.observed().cols() < 2) {
        throw new IllegalArgumentException(frames + " holds " + video.observed().cols() + " frame; a video needs"
            + " at least 2");
      }
      DipSettings settings = DipDefaults.settings(video.shape().pixels(), hiddenShape.pixels(),
          video.observed().cols(), iterations, learningRate, smoothness, threads);
      LOG.info("light-transport: {} frames of {} pixels, hidden {}; {} start(s); {}", video.observed().cols(),
          video.shape(), hiddenShape, seeds, settings);
      List<Long> starts = IntStream.range(0, seeds).mapToObj(k -> seed + k).toList();
      var observed = video.observed();
      int hiddenPixels = hiddenShape.pixels();
      List<SeedRun> runs = new ArrayList<>(sc.parallelize(starts, starts.size())
          .map(s -> SeedRun.fit(observed, hiddenPixels, settings.withSeed(s))).collect());
      SeedRun best = runs.stream().min(Comparator.comparingDouble(r -> r.factors().loss())).orElseThrow();
      double fit = RecoveryScores.fit(observed, best.factors().transport(), best.factors().hidden());
      LOG.info("kept seed {} (training loss {}); fit {}", best.seed(), best.factors().loss(), fit);
      new LightTransportOutput(video, hiddenShape, best.factors()).write(out);
      try (Writer writer = out.newFile("metrics.json")) {
        writer.write(JSON.writeValueAsString(metrics(video, hiddenShape, settings, runs, best, fit)));
      }
      try (Writer writer = out.newFile("history.csv")) {
        writeHistory(runs, writer);
      }
      RunRecord.current().writeTo(out, sc.hadoopConfiguration());
      out.commit();
      LOG.info("results in {}", out.target());
    }
    return 0;
  }

  /** One start's factors and time. */
  record SeedRun(long seed, Factors factors, double seconds) implements java.io.Serializable {
    static SeedRun fit(io.sparkdmf.core.linalg.Matrix observed, int hiddenPixels, DipSettings settings) {
      long start = System.nanoTime();
      Factors factors = new DeepImagePrior(settings).fit(observed, hiddenPixels,
          new ProgressLog("seed " + settings.seed()));
      return new SeedRun(settings.seed(), factors, (System.nanoTime() - start) / 1e9);
    }
  }

  private static Map<String, Object> metrics(FrameReader.Video video, FrameShape hiddenShape, DipSettings settings,
      List<SeedRun> runs, SeedRun best, double fit) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("frames", video.observed().cols());
    metrics.put("observed", video.shape().toString());
    metrics.put("hidden", hiddenShape.toString());
    metrics.put("seed", best.seed());
    metrics.put("train_loss", best.factors().loss());
    metrics.put("fit", fit);
    metrics.put("seconds", best.seconds());
    List<Map<String, Object>> starts = new ArrayList<>();
    for (SeedRun run : runs) {
      starts.add(Map.of("seed", run.seed(), "train_loss", run.factors().loss(), "seconds", run.seconds()));
    }
    metrics.put("starts", starts);
    metrics.put("iterations", settings.iterations());
    metrics.put("lr", settings.learningRate());
    metrics.put("smoothness", settings.smoothness());
    metrics.put("widths", settings.widths());
    metrics.put("threads", settings.threads());
    return metrics;
  }

  /** iteration, then one loss column per start. */
  private static void writeHistory(List<SeedRun> runs, Writer writer) throws java.io.IOException {
    StringBuilder header = new StringBuilder("iteration");
    runs.forEach(run -> header.append(",loss_seed_").append(run.seed()));
    writer.write(header + "\n");
    Factors first = runs.get(0).factors();
    for (int k = 0; k < first.history().length; k++) {
      StringBuilder line = new StringBuilder(Integer.toString((k + 1) * first.historyEvery()));
      for (SeedRun run : runs) {
        line.append(',').append(String.format(Locale.ROOT, "%.6g", run.factors().history()[k]));
      }
      writer.write(line + "\n");
    }
  }
}
