package io.sparkdmf.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
  @TempDir Path dir;

  private long entriesIn(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.count();
    }
  }

  @Test
  void modelRoundTripsBitForBit() throws IOException {
    DeepFactorization model = Initialization.GAUSSIAN.create(new FactorShapes(7, 5, 3, 4), 0.3, 9);
    String target = dir.resolve("run").toString();
    try (AtomicOutputDirectory out = AtomicOutputDirectory.create(target, false, new Configuration())) {
      ModelStore.save(model, out, "factors");
      out.commit();
    }
    DeepFactorization loaded = ModelStore.load(target + "/factors", new Configuration());
    assertEquals(3, loaded.depth());
    for (int k = 1; k <= 3; k++) {
      assertEquals(model.factor(k), loaded.factor(k));
    }
    assertEquals(1, entriesIn(dir), "only the committed directory, no staging left behind");
  }

  @Test
  void uncommittedOutputLeavesNothing() throws IOException {
    String target = dir.resolve("failed").toString();
    try (AtomicOutputDirectory out = AtomicOutputDirectory.create(target, false, new Configuration())) {
      try (Writer writer = out.newFile("metrics.json")) {
        writer.write("{}");
      }
      // the job fails here: no commit
    }
    assertFalse(Files.exists(Path.of(target)));
    assertEquals(0, entriesIn(dir));
  }

  /** A run killed outright leaves its staging directory; the next run beside it removes it. */
  @Test
  void aKilledRunsStagingIsRemovedByTheNextRun() throws IOException, InterruptedException {
    String target = dir.resolve("run").toString();
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String ours = "-" + ProcessHandle.current().pid() + "-";
    Path abandoned;
    try (AtomicOutputDirectory killed = AtomicOutputDirectory.create(target, false, new Configuration())) {
      Path staging = onlyEntry();
      abandoned = staging.resolveSibling(staging.getFileName().toString().replace(ours, "-" + gone.pid() + "-"));
      Files.move(staging, abandoned); // as if written by a process that no longer runs
    }
    assertTrue(Files.exists(abandoned));
    try (AtomicOutputDirectory alive = AtomicOutputDirectory.create(target, false, new Configuration());
        AtomicOutputDirectory next = AtomicOutputDirectory.create(target, false, new Configuration())) {
      assertFalse(Files.exists(abandoned), "the dead process's staging directory is gone");
      assertEquals(2, entriesIn(dir), "the live runs' staging directories stay");
    }
    assertEquals(0, entriesIn(dir));
  }

  /**
   * A YARN application master killed outright leaves its staging directory on the host it ran on; the
   * application's next attempt, wherever it runs, removes it, and leaves another application's alone.
   */
  @Test
  void aLaterYarnAttemptRemovesTheStagingOfEarlierAttemptsOfItsApplication() throws IOException {
    assertEquals(Optional.of(new YarnAttempt("1796503028252_0003", 1)),
        YarnAttempt.fromContainerId("container_e17_1796503028252_0003_01_000001"));
    assertEquals(Optional.empty(), YarnAttempt.fromContainerId(null));
    Path killed = Files.createDirectory(dir.resolve(".run.staging-yarn_1796503028252_0003_1-another_host-41-x"));
    Path otherApplication = Files.createDirectory(dir.resolve(".run.staging-yarn_1796503028252_0004_1-host-42-x"));
    Optional<YarnAttempt> second = YarnAttempt.fromContainerId("container_1796503028252_0003_02_000001");
    try (AtomicOutputDirectory next = AtomicOutputDirectory.create(dir.resolve("run").toString(), false,
        new Configuration(), second)) {
      assertFalse(Files.exists(killed), "the first attempt's staging directory is gone");
      assertTrue(Files.exists(otherApplication), "another application's stays");
      assertEquals(2, entriesIn(dir), "the second attempt's own and the other application's");
    }
  }

  private Path onlyEntry() throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.reduce((a, b) -> {
        throw new IllegalStateException("more than one entry in " + dir);
      }).orElseThrow();
    }
  }

  @Test
  void existingOutputIsKeptUnlessOverwriteIsAsked() throws IOException {
    Path target = Files.createDirectory(dir.resolve("old"));
    Files.writeString(target.resolve("keep.txt"), "old result");
    assertThrows(InputException.class,
        () -> AtomicOutputDirectory.create(target.toString(), false, new Configuration()));
    try (AtomicOutputDirectory out = AtomicOutputDirectory.create(target.toString(), true, new Configuration())) {
      try (Writer writer = out.newFile("new.txt")) {
        writer.write("new result");
      }
      out.commit();
    }
    assertTrue(Files.exists(target.resolve("new.txt")));
    assertFalse(Files.exists(target.resolve("keep.txt")));
  }

  @Test
  void truncatedFactorFileIsReported() throws IOException {
    Path factors = Files.createDirectory(dir.resolve("factors"));
    Files.writeString(factors.resolve("W1.mtx"), "%%MatrixMarket matrix array real general\n2 2\n1.0\n2.0\n");
    InputException e = assertThrows(InputException.class,
        () -> ModelStore.load(factors.toString(), new Configuration()));
    assertTrue(e.getMessage().endsWith(":5: file ends after 2 of 4 values"), e.getMessage());
  }
}
