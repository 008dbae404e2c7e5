package io.sparkdmf.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster job end to end on CSV views with a labels file. */
class ClusterJobTest {
  @TempDir Path dir;

  @Test
  void clustersCsvViewsAndWritesEveryOutput() throws IOException {
    Random random = new Random(4);
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    StringBuilder labels = new StringBuilder();
    double[][] centersA = {{0, 5}, {5, 0}, {-5, -5}};
    double[][] centersB = {{100, 0, 0}, {0, 100, 0}, {0, 0, 100}};
    for (int i = 0; i < 60; i++) {
      int c = i % 3;
      a.append(centersA[c][0] + random.nextGaussian()).append(',').append(centersA[c][1] + random.nextGaussian())
          .append('\n');
      b.append(centersB[c][0] + 10 * random.nextGaussian()).append(' ').append(centersB[c][1] + 10 * random.nextGaussian())
          .append(' ').append(centersB[c][2] + 10 * random.nextGaussian()).append('\n');
      labels.append(c).append('\n');
    }
    Path viewA = Files.writeString(dir.resolve("a.csv"), a);
    Path viewB = Files.writeString(dir.resolve("b.txt"), b);
    Path labelFile = Files.writeString(dir.resolve("labels.csv"), "label\n" + labels);
    Path out = dir.resolve("out");
    assertEquals(0, Main.run("cluster", "--views", viewA + "," + viewB, "--labels", labelFile.toString(), "--k", "3",
        "--out", out.toString()));
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertEquals(1.0, metrics.get("acc").asDouble());
    assertEquals(1.0, metrics.get("nmi").asDouble(), 1e-12);
    for (String file : new String[] {"assignment.csv", "feature_weights.csv", "view_weights.csv", "objective.csv"}) {
      assertTrue(Files.exists(out.resolve(file)), file);
    }
    assertEquals(61, Files.readAllLines(out.resolve("assignment.csv")).size());

    Path bad = Files.writeString(dir.resolve("bad.csv"), "1,2\n3,x\n");
    Path failed = dir.resolve("failed");
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("cluster", "--views", bad.toString(), "--k", "2",
        "--out", failed.toString()));
    assertFalse(Files.exists(failed), "no output for bad input");
  }
}
