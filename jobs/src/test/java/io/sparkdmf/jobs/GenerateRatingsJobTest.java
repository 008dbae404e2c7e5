package io.sparkdmf.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateRatingsJobTest {
  @TempDir Path dir;

  @Test
  void writesStarRatingsThatTheRatingsJobReads() throws IOException {
    Path out = dir.resolve("stars");
    assertEquals(0, Main.run("generate-ratings", "--ratings", "20000", "--seed", "3", "--out", out.toString()));
    List<String> train = Files.readAllLines(out.resolve("train.tsv"));
    List<String> test = Files.readAllLines(out.resolve("test.tsv"));
    assertEquals(20_000, train.size() + test.size(), 1_500);
    assertEquals(0.1, test.size() / (double) (train.size() + test.size()), 0.01);
    for (String line : train) {
      String[] fields = line.split("\t");
      assertEquals(3, fields.length, line);
      assertTrue(fields[2].matches("[1-5]"), "whole stars: " + line);
    }
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("generate-ratings", "--out", out.toString()),
        "an existing --out is refused without --overwrite");
  }
}
