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
