package io.sparkdmf.research.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.jobs.Main;
import io.sparkdmf.research.ResearchMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The multiview experiment end to end on a small three-view mixture. */
class MultiViewExperimentTest {
  @TempDir Path dir;

  @Test
  void writesOneRowPerMethodAndTheReport() throws IOException {
    Path data = Files.createDirectories(dir.resolve("views"));
    Random random = new Random(2);
    int[] features = {2, 3, 4};
    for (int v = 0; v < features.length; v++) {
      StringBuilder csv = new StringBuilder("header\n");
      for (int i = 0; i < 45; i++) {
        int c = i % 3;
        for (int j = 0; j < features[v]; j++) {
          csv.append(6.0 * (j % 3 == c ? 1 : 0) + random.nextGaussian()).append(',');
        }
        csv.append(c).append('\n');
      }
      Files.writeString(data.resolve("view" + v + ".csv"), csv);
    }
    Path out = dir.resolve("out");
    assertEquals(0, ResearchMain.run("experiment", "multiview", "--data", data.toString(), "--header", "--label-column", "last", "--seeds", "2", "--out",
        out.toString()));
    List<String> results = Files.readAllLines(out.resolve("results.csv"));
    assertEquals("method,acc_mean,acc_std,nmi_mean,nmi_std,purity_mean,ari_mean,seconds_mean,iterations_mean",
        results.get(0));
    // a header, dmfaw, four ablations (fixed p, uniform weights, no weight cap, no graph), the controller and
    // fixed p with half the budget, k-means on the concatenation and on each of the three views
    assertEquals(1 + 5 + 2 + 1 + 3, results.size());
    assertTrue(results.get(1).startsWith("dmfaw,1.0000,0.0000,1.0000,"), results.get(1));
    assertEquals(1 + 11 * 2, Files.readAllLines(out.resolve("runs.csv")).size());
    for (String file : new String[] {"report.md", "convergence.png", "convergence.svg", "view-weights.png",
        "feature-weights.png"}) {
      assertTrue(Files.size(out.resolve(file)) > 0, file);
    }
    String report = Files.readString(out.resolve("report.md"));
    assertTrue(report.contains("| dmfaw |"));
    assertTrue(report.contains("| dmfaw-half-budget |") && report.contains("With half the outer iterations"), report);

    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path failed = dir.resolve("failed");
    assertEquals(Main.EXIT_BAD_INPUT, ResearchMain.run("experiment", "multiview", "--data", empty.toString(), "--out",
        failed.toString()));
    assertFalse(Files.exists(failed));
  }
}
