package io.sparkdmf.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The application jar, submitted with {@code spark-submit} to a real Spark standalone cluster (a master
 * and two workers, separate processes on 127.0.0.1, on a class path of Spark's jars only): an executor
 * killed mid-run, and a driver killed mid-run then resumed from its checkpoint, both end with exactly
 * the factors of an undisturbed run. An integration test (failsafe, after the jar is packaged, in
 * {@code mvn verify}), tagged {@code cluster}; skip it with {@code -DexcludedGroups=cluster}. Every process's log stays in {@code jobs/target/standalone-cluster-test}.
 */
@Tag("cluster")
class StandaloneClusterIT {
  private static final String MAIN = "io.sparkdmf.jobs.Main";
  private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

  /** Kept after the run (target/ is the build's): the logs of every process are there. */
  private final Path dir = Path.of("target", "standalone-cluster-test").toAbsolutePath();

  @BeforeEach
  void emptyDirectory() throws IOException {
    ClusterTests.emptyDirectory(dir);
  }

  private List<String> job(String name, boolean resume) {
    List<String> args = new ArrayList<>(List.of("complete", "--synthetic", "n=60,rank=3,observed=1200,seed=1",
        "--engine", "spark", "--parallelism", "4", "--optimizer", "adam", "--lr", "1e-2", "--max-steps", "300",
        "--train-threshold", "0", "--singular-values", "0", "--checkpoint-every", "25",
        "--checkpoint-dir", dir.resolve(name + "-checkpoints").toString(), "--out", dir.resolve(name).toString()));
    if (resume) {
      args.add("--resume");
    }
    return args;
  }

  @Test
  void executorAndDriverLossesLeaveTheFactorsOfAnUndisturbedRun() {
    assertTimeoutPreemptively(Duration.ofMinutes(8), () -> {
      try (StandaloneCluster cluster = new StandaloneCluster(dir, 2, sparkClasspath(), javaOptions())) {
        finish(cluster, "undisturbed", job("undisturbed", false));

        Process executorLoss =
            cluster.submit("executor-loss", ClusterTests.applicationJar(), MAIN, job("executor-loss", false));
        waitForCheckpoint("executor-loss", executorLoss);
        List<ProcessHandle> executors = cluster.executorsOf(0);
        assertFalse(executors.isEmpty(), "worker 0 runs an executor of the job");
        executors.forEach(ProcessHandle::destroyForcibly);
        assertEquals(0, executorLoss.waitFor(), cluster.log("executor-loss"));
        assertTrue(cluster.log("executor-loss").contains("Lost executor"), "the driver saw the loss");
        assertSameFactors("undisturbed", "executor-loss");

        Process driverLoss =
            cluster.submit("driver-loss", ClusterTests.applicationJar(), MAIN, job("driver-loss", false));
        waitForCheckpoint("driver-loss", driverLoss);
        driverLoss.descendants().forEach(ProcessHandle::destroyForcibly);
        driverLoss.destroyForcibly().waitFor();
        assertFalse(Files.exists(dir.resolve("driver-loss")), "a killed run leaves no output");
        finish(cluster, "driver-loss-resumed", job("driver-loss", true));
        assertTrue(cluster.log("driver-loss-resumed").contains("resum"), "the run resumed from a checkpoint");
        assertSameFactors("undisturbed", "driver-loss");
      }
    });
  }

  private static void finish(StandaloneCluster cluster, String name, List<String> args) throws Exception {
    Process driver = cluster.submit(name, ClusterTests.applicationJar(), MAIN, args);
    ClusterTests.waitFor(RUN_LIMIT, () -> !driver.isAlive(), name + " to finish");
    assertEquals(0, driver.exitValue(), cluster.log(name));
  }

  /** Until the run has written a checkpoint (and is still running: the kill must land mid-run). */
  private void waitForCheckpoint(String name, Process driver) throws IOException {
    Path checkpoints = dir.resolve(name + "-checkpoints");
    ClusterTests.waitFor(RUN_LIMIT, () -> {
      try (Stream<Path> steps = Files.exists(checkpoints) ? Files.list(checkpoints) : Stream.empty()) {
        return steps.anyMatch(p -> p.getFileName().toString().startsWith("step-"));
      } catch (IOException e) {
        return false;
      }
    }, name + " to write a checkpoint");
    assertTrue(driver.isAlive(), name + " still running when its first checkpoint appeared");
  }

  private void assertSameFactors(String expected, String actual) throws IOException {
    for (int k = 1; k <= 3; k++) {
      Path a = dir.resolve(expected).resolve("factors").resolve("W" + k + ".mtx");
      Path b = dir.resolve(actual).resolve("factors").resolve("W" + k + ".mtx");
      assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "W" + k + " of " + actual);
    }
  }

  /**
   * Spark and its dependencies, without anything of ours: the build's class path file minus our
   * modules and the libraries the application jar bundles (picocli, XChart and its PDF/SVG/GIF
   * writers, MFL), so the jobs can only run from the submitted jar.
   */
  private static String sparkClasspath() throws IOException {
    List<String> ours = List.of("/io/sparkdmf/", "/info/picocli/", "/org/knowm/", "/de/erichseifert/", "/de/rototor/",
        "/com/madgag/", "/org/apache/pdfbox/", "/us/hebi/");
    Path project = Path.of("..").toAbsolutePath().normalize();
    return Stream.of(Files.readString(Path.of("target", "embedded-classpath.txt")).strip().split(":"))
        .filter(entry -> ours.stream().noneMatch(entry::contains) && !Path.of(entry).startsWith(project))
        .reduce((a, b) -> a + ":" + b).orElseThrow();
  }

  /** The module openings every Spark JVM on Java 17 needs, as the build gives them to this one. */
  private static List<String> javaOptions() throws IOException {
    return Files.readAllLines(Path.of("..", "deploy", "spark-java17.args")).stream()
        .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
  }
}
