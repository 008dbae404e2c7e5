package io.sparkdmf.research.experiment;

import io.sparkdmf.data.AtomicOutputDirectory;
import io.sparkdmf.jobs.OutputOptions;
import io.sparkdmf.jobs.RunRecord;
import io.sparkdmf.jobs.SparkContexts;
import io.sparkdmf.light.dip.DipDefaults;
import io.sparkdmf.light.dip.DipSettings;
import io.sparkdmf.light.run.LightBatch;
import io.sparkdmf.light.run.LightCase;
import io.sparkdmf.light.run.Method;
import io.sparkdmf.light.run.RunResult;
import io.sparkdmf.light.run.RunSpec;
import io.sparkdmf.light.scene.FrameShape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Blind light transport on the two synthetic cases: the deep image prior against Lee-Seung NMF and
 * MLlib's non-negative ALS, every (case, method, seed) a run of its own (DIP and NMF as Spark tasks).
 */
@Command(name = "light-transport", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Deep-image-prior light transport against NMF and non-negative ALS on the 1-D toy and the"
        + " 2-D occluded scene; results.csv, figures and report.md.")
public final class LightTransportExperiment implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(LightTransportExperiment.class);

  @Option(names = "--quick", description = "Smaller scenes and fewer iterations and seeds (minutes, not hours).")
  boolean quick;

  @Option(names = "--seeds", description = "Seeds 0..N-1 per case and method (default: 5; 2 with --quick).")
  Integer seeds;

  @Option(names = "--case", paramLabel = "NAME", description = "Only this case (toy-1d or scene-2d).")
  String only;

  @Option(names = "--iterations", description = "DIP steps per run, instead of the case's (to see how the scores"
      + " grow with longer runs).")
  Integer iterations;

  @Mixin OutputOptions output;

  /** The cases at the experiment's size, or the quick one's. */
  static List<LightCase> cases(boolean quick) {
    if (quick) {
      return List.of(
          LightCase.toy(32, 64, settings(32, 32, 64, 1500)),
          LightCase.scene2d(new FrameShape(8, 8), new FrameShape(12, 12), 48, settings(144, 64, 48, 800)));
    }
    return List.of(
        LightCase.toy(64, 128, settings(64, 64, 128, 3000)),
        LightCase.scene2d(new FrameShape(16, 16), new FrameShape(16, 16), 64, settings(256, 256, 64, 1500)));
  }

  private static DipSettings settings(int observed, int hidden, int frames, int iterations) {
    return DipDefaults.settings(observed, hidden, frames, iterations, DipDefaults.LEARNING_RATE,
        DipDefaults.SMOOTHNESS, 1);
  }

  @Override
  public Integer call() throws Exception {
    int n = seeds != null ? seeds : quick ? 2 : 5;
    List<LightCase> cases = cases(quick).stream().filter(c -> only == null || c.name().equals(only))
        .map(c -> iterations == null ? c : c.withDip(c.dip().withIterations(iterations))).toList();
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("--case must be toy-1d or scene-2d, got '" + only + "'");
    }
    List<RunSpec> specs = new ArrayList<>();
    for (LightCase lightCase : cases) {
      for (Method method : Method.values()) {
        for (int seed = 0; seed < n; seed++) {
          specs.add(new RunSpec(lightCase.name(), method, seed));
        }
      }
    }
    JavaSparkContext sc = SparkContexts.start("dmf experiment light-transport");
    try (AtomicOutputDirectory directory =
        AtomicOutputDirectory.create(output.out, output.overwrite, sc.hadoopConfiguration())) {
      LOG.info("light-transport: {} runs ({} cases x {} methods x {} seeds)", specs.size(), cases.size(),
          Method.values().length, n);
      List<RunResult> results = LightBatch.run(sc, cases, specs);
      new LightTransportReport(directory, quick).write(cases, results);
      RunRecord.current().writeTo(directory, sc.hadoopConfiguration());
      directory.commit();
    }
    return 0;
  }
}
