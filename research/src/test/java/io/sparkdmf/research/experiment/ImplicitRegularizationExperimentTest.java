package io.sparkdmf.research.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.research.ResearchMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

/** A tiny sweep end to end, and its resume after an interruption. */
class ImplicitRegularizationExperimentTest {
  private static final String[] TINY = {"experiment", "implicit-regularization", "--tasks", "completion",
      "--observed", "600", "--depths", "2,3", "--init-scales", "1e-2", "--lrs", "1e-2", "--seeds", "0,1",
      "--dynamics-depths", "3", "--dynamics-steps", "300", "--max-steps", "300", "--baseline-iterations", "200",
      "--parallel", "2"};

  @TempDir Path dir;

  private String[] tiny(Path out) {
    String[] args = java.util.Arrays.copyOf(TINY, TINY.length + 2);
    args[TINY.length] = "--out";
    args[TINY.length + 1] = out.toString();
    return args;
  }

  private static Map<String, FileTime> finishedRuns(Path out) throws IOException {
    try (Stream<Path> files = Files.list(out.resolve("runs"))) {
      Map<String, FileTime> runs = new TreeMap<>();
      for (Path file : files.toList()) {
        runs.put(file.getFileName().toString(), Files.getLastModifiedTime(file));
      }
      return runs;
    }
  }

  @Test
  void writesResultsFiguresAndReportAndResumesWithoutRedoingRuns() throws IOException {
    Path out = dir.resolve("exp");
    assertEquals(0, ResearchMain.run(tiny(out)));

    // 1 dynamics + 2 nuclear (two seeds at the reference size) + depth 2 and 3 with two seeds each.
    Map<String, FileTime> first = finishedRuns(out);
    assertEquals(7, first.size(), first.keySet().toString());
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertEquals("task,observed,method,depth,init_scale,lr,seed,steps,seconds,error,nuclear_norm,"
        + "effective_rank,stop_reason", csv.get(0));
    assertEquals(7, csv.size(), "a header and six sweep rows (dynamics runs have their own files)");
    for (String figure : List.of("error-completion-600", "nuclear-norm-completion-600",
        "effective-rank-completion-600", "dynamics-depth-3")) {
      assertTrue(Files.size(out.resolve("figures/" + figure + ".png")) > 1000, figure);
      assertTrue(Files.readString(out.resolve("figures/" + figure + ".svg")).contains("<svg"), figure);
    }
    String report = Files.readString(out.resolve("report.md"));
    assertTrue(report.contains("| depth 3 | 2 |"), report);
    assertTrue(report.contains("![error-completion-600](figures/error-completion-600.png)"));
    assertTrue(report.contains("## Singular value dynamics (full-batch GD, lr 0.01, identity init 0.001, |Ω| = 600)"),
        report);
    assertTrue(report.contains("### Compared with the published run\n\n- depth 3: "), report);
    // 600 entries, lr 0.01: the depth-1 residual shrinks by 1/e every 600 / 0.02 steps.
    assertTrue(report.contains("by 1/e every |Ω| / (2 lr) = 30000 steps here"), report);

    // An interruption loses at most the runs under way: delete one and run the same command again.
    String lost = "dmf-completion-600-depth3-scale1e-02-lr1e-02-seed1.json";
    Files.delete(out.resolve("runs").resolve(lost));
    assertEquals(0, ResearchMain.run(tiny(out)));
    Map<String, FileTime> second = finishedRuns(out);
    assertEquals(first.keySet(), second.keySet());
    for (String run : first.keySet()) {
      if (!run.equals(lost)) {
        assertEquals(first.get(run), second.get(run), run + " must not be redone");
      }
    }
    assertEquals(7, Files.readAllLines(out.resolve("results.csv")).size());

    // --report-only rewrites the outputs from the finished runs and trains nothing.
    Files.delete(out.resolve("report.md"));
    Files.delete(out.resolve("results.csv"));
    assertEquals(0, ResearchMain.run("experiment", "implicit-regularization", "--report-only", "--out", out.toString()));
    assertEquals(second, finishedRuns(out));
    assertEquals(7, Files.readAllLines(out.resolve("results.csv")).size());
    assertTrue(Files.readString(out.resolve("report.md")).contains("--report-only"));
  }

  @Test
  void reportOnlyWithoutFinishedRunsIsAnErrorAndCreatesNothing() {
    Path empty = dir.resolve("nothing-here");
    assertEquals(2, ResearchMain.run("experiment", "implicit-regularization", "--report-only", "--out", empty.toString()));
    assertFalse(Files.exists(empty));
  }

  private static String[] sensing(Path out, String depths) {
    return new String[] {"experiment", "implicit-regularization", "--tasks", "sensing", "--observed", "300",
        "--depths", depths, "--sensing-init-scales", "1e-1", "--lrs", "1e-1", "--seeds", "0",
        "--dynamics-depths", "", "--max-steps", "200", "--baseline-iterations", "50", "--out", out.toString()};
  }

  private static String sweepRow(Path out, String depth) throws IOException {
    return Files.readAllLines(out.resolve("results.csv")).stream()
        .filter(row -> row.startsWith("sensing,300,dmf," + depth + ",")).findFirst().orElseThrow();
  }

  /** Column {@code index} of a results.csv row. */
  private static double column(String row, int index) {
    return Double.parseDouble(row.split(",")[index]);
  }

  @Test
  void sensingRunsOnTheSameMeasurementsTrainedTogetherMatchRunsAlone() throws IOException {
    Path together = dir.resolve("together");
    assertEquals(0, ResearchMain.run(sensing(together, "2,3")));
    String report = Files.readString(together.resolve("report.md"));
    assertTrue(report.contains("## Sensing, 300 measurements, s = 1e-01, lr = 1e-01 (median over seeds)"), report);
    assertTrue(report.contains("| nuclear | 1 |") && report.contains("| depth 3 | 1 |"), report);
    assertTrue(report.contains("- depth 3 vs depth 2:"), report);
    for (String depth : List.of("2", "3")) {
      Path alone = dir.resolve("alone-" + depth);
      assertEquals(0, ResearchMain.run(sensing(alone, depth)));
      String a = sweepRow(alone, depth);
      String t = sweepRow(together, depth);
      assertEquals(column(a, 7), column(t, 7), "steps of depth " + depth);
      // Rounding differs (one gemm for both runs against two gemv per run), nothing else.
      assertEquals(column(a, 9), column(t, 9), 1e-9 * column(a, 9), "error of depth " + depth);
    }
  }

  /** --quick runs what its help says, and nothing else. */
  @Test
  void quickIsCompletionAtTwoThousandEntriesWithoutDynamics() {
    ImplicitRegularizationExperiment experiment = new ImplicitRegularizationExperiment();
    new CommandLine(experiment).parseArgs("--quick", "--out", dir.resolve("quick").toString());
    List<RunSpec> runs = experiment.plan().runs();
    assertTrue(runs.stream().allMatch(r -> r.task() == RunSpec.Task.COMPLETION && r.observed() == 2000
        && r.kind() != RunSpec.Kind.DYNAMICS), runs.toString());
    assertTrue(runs.stream().filter(r -> r.kind() == RunSpec.Kind.DMF)
        .allMatch(r -> r.initScale() == 1e-3 && r.lr() == 1e-3), runs.toString());
    assertEquals(List.of(2, 3, 4), runs.stream().filter(r -> r.kind() == RunSpec.Kind.DMF).map(RunSpec::depth)
        .distinct().sorted().toList());
    assertEquals(List.of(0L, 1L, 2L), runs.stream().map(RunSpec::seed).distinct().sorted().toList());
  }
}
