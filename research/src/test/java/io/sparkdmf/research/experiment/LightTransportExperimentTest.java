package io.sparkdmf.research.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.research.ResearchMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LightTransportExperimentTest {
  @TempDir Path dir;

  /** Every (case, method, seed) gets a row, DIP its scores along the run, and each case its figures. */
  @Test
  void writesOneRowPerRunWithTheReportAndFigures() throws Exception {
    Path out = dir.resolve("lt");
    assertEquals(0, ResearchMain.run("experiment", "light-transport", "--quick", "--seeds", "1", "--iterations", "20",
        "--out", out.toString()));
    List<String> rows = Files.readAllLines(out.resolve("results.csv"));
    assertEquals("case,method,seed,score_l,score_t,registered_l,fit,seconds,frame_correlation,train_loss",
        rows.get(0));
    assertEquals(1 + 2 * 3, rows.size());
    for (String row : rows.subList(1, rows.size())) {
      double fit = Double.parseDouble(row.split(",")[6]);
      assertTrue(fit >= 0 && fit < 1.5, row);
    }
    List<String> growth = Files.readAllLines(out.resolve("growth.csv"));
    assertEquals(1 + 2 * 10, growth.size(), "scores at every tenth of each DIP run, the end included");
    for (String file : List.of("report.md", "toy-1d.png", "scene-2d.png", "toy-1d-growth.png", "scene-2d-growth.png")) {
      assertTrue(Files.size(out.resolve(file)) > 0, file);
    }
    assertTrue(Files.readString(out.resolve("report.md")).contains("| dip | 1 |"));
  }
}
