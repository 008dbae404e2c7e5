package io.sparkdmf.jobs.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** What the cluster tests share: their working directory, the jar they submit, Spark, waiting. */
final class ClusterTests {
  private ClusterTests() {}

  /** A test's directory under target/, emptied of an earlier run's files (kept after a run for its logs). */
  static void emptyDirectory(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    Files.createDirectories(dir);
  }

  /** The shaded application jar the package phase built. */
  static Path applicationJar() throws IOException {
    try (Stream<Path> jars = Files.list(Path.of("target"))) {
      return jars.filter(p -> p.getFileName().toString().endsWith("-app.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("no application jar in target/: run through mvn verify"))
          .toAbsolutePath();
    }
  }

  /**
   * A Spark distribution of the version we build against: the directory of the pyspark wheel (it has
   * {@code bin/spark-submit} and {@code jars/}) of the build's Python ({@code test.python}), which
   * {@code python/setup-test-env.sh} installs.
   */
  static Path sparkDistribution() throws IOException, InterruptedException {
    String executable = System.getProperty("dmf.test.python", "python3");
    Process python = new ProcessBuilder(executable, "-c",
        "import os, pyspark; print(pyspark.__version__); print(os.path.dirname(pyspark.__file__))")
        .redirectErrorStream(true).start();
    String[] lines = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split("\n");
    if (python.waitFor() != 0 || lines.length != 2) {
      throw new AssertionError("no pyspark for " + executable + " (python/setup-test-env.sh installs it): "
          + String.join("\n", lines));
    }
    String expected = org.apache.spark.package$.MODULE$.SPARK_VERSION();
    if (!lines[0].equals(expected)) {
      throw new AssertionError("pyspark " + lines[0] + " is not the Spark " + expected + " this build is for");
    }
    return Path.of(lines[1]);
  }

  static void waitFor(Duration timeout, BooleanSupplier condition, String what) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
