package io.sparkdmf.research.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.research.ResearchMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three regimes of docs/maths.md §4 on the 15-layer scalar factorization (the published set-up,
 * where lambda_end lands within 1% of 2/eta) and on the depth-3 matrix one (where GD must at least
 * settle at a minimizer that is flatter than the start and stable, lambda_end <= 2/eta).
 */
class EscapeExperimentTest {
  @TempDir Path dir;

  @Test
  void gradientDescentReturnsEscapesToAFlatterMinimumOrNeverConverges() throws IOException {
    Path out = dir.resolve("escape");
    assertEquals(0, ResearchMain.run("experiment", "escape", "--out", out.toString()));
    assertTrue(Files.exists(out.resolve("run.json")), "a finished run is recorded like every job's");
    List<String> rows = Files.readAllLines(out.resolve("escape.csv"));
    assertEquals("problem,eta_factor,eta,lambda_start,lambda_end,converged,final_loss", rows.get(0));
    assertEquals(1 + 2 * EscapeExperiment.FACTORS.length, rows.size());
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",", -1);
      double factor = Double.parseDouble(f[1]);
      double eta = Double.parseDouble(f[2]);
      double start = Double.parseDouble(f[3]);
      boolean converged = Boolean.parseBoolean(f[5]);
      if (factor < 1) {
        assertTrue(converged, row);
        assertEquals(start, Double.parseDouble(f[4]), 1e-6 * start, "returns to the start: " + row);
      } else if (factor < EscapeExperiment.START_SHARPNESS) {
        assertTrue(converged, row);
        double end = Double.parseDouble(f[4]);
        assertTrue(end < start, "a flatter minimizer: " + row);
        assertTrue(end * eta / 2 <= 1 + 1e-9, "a stable minimizer: " + row);
        if (f[0].equals("scalar")) {
          assertEquals(1.0, end * eta / 2, 0.01, "lambda_end within 1% of 2/eta: " + row);
        }
      } else {
        assertTrue(!converged, "no minimizer is flat enough: " + row);
      }
    }
    assertEquals(List.of("matrix", "scalar"), rows.stream().skip(1).map(r -> r.split(",")[0]).distinct().sorted()
        .toList());
    assertTrue(Files.exists(out.resolve("scalar-loss.png")) && Files.exists(out.resolve("matrix-lambda.png"))
        && Files.exists(out.resolve("report.md")));
  }
}
