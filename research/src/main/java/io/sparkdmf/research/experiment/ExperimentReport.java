package io.sparkdmf.research.experiment;

import io.sparkdmf.core.metrics.Metrics;
import io.sparkdmf.research.experiment.RunSpec.Kind;
import io.sparkdmf.research.experiment.RunSpec.Task;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Turns finished runs into results.csv, figures (error, nuclear norm and effective rank against init
 * scale per depth with the nuclear-norm baseline as a dashed line; top singular values over steps
 * for the dynamics runs) and report.md, which puts our numbers beside the published ones.
 */
final class ExperimentReport {
  /** Published reconstruction errors at |Omega| = 2000, s = 1e-3, kept as data beside the code. */
  private static final Map<String, Double> PUBLISHED = published("/published/arora-2019-completion.csv");

  private final Path directory;
  private final List<RunResult> results;
  private final String command;

  /** A resource of "method,error" lines after a comment block and a header line. */
  private static Map<String, Double> published(String resource) {
    try (java.io.InputStream in = ExperimentReport.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      Map<String, Double> out = new java.util.LinkedHashMap<>();
      new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .filter(line -> !line.startsWith("#") && !line.startsWith("method,"))
          .map(line -> line.split(","))
          .forEach(fields -> out.put(fields[0], Double.parseDouble(fields[1])));
      return Map.copyOf(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  ExperimentReport(Path directory, List<RunResult> results, String command) {
    this.directory = directory;
    this.results = new ArrayList<>(results);
    this.results.sort(Comparator.comparing(r -> r.spec().id()));
    this.command = command;
  }

  void write() throws IOException {
    Files.createDirectories(directory.resolve("figures"));
    writeAtomically("results.csv", this::writeResultsCsv);
    List<String> figures = new ArrayList<>();
    for (Task task : Task.values()) {
      for (int observed : observedSizes(task)) {
        figures.addAll(sweepFigures(task, observed));
      }
    }
    List<RunResult> dynamics = ofKind(Kind.DYNAMICS);
    if (!dynamics.isEmpty()) {
      Files.createDirectories(directory.resolve("dynamics"));
    }
    for (RunResult run : dynamics) {
      writeAtomically("dynamics/" + run.spec().id() + ".csv", out -> writeTrajectory(run, out));
      figures.add(dynamicsFigure(run));
    }
    writeAtomically("report.md", out -> writeMarkdown(out, figures));
  }

  private interface Content {
    void write(Writer out) throws IOException;
  }

  /** Writes to a temporary file and renames it, so a file is either the old one or the whole new one. */
  private void writeAtomically(String name, Content content) throws IOException {
    Path target = directory.resolve(name);
    Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
      content.write(out);
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private void writeResultsCsv(Writer out) throws IOException {
    out.write("task,observed,method,depth,init_scale,lr,seed,steps,seconds,error,nuclear_norm,effective_rank,stop_reason\n");
    for (RunResult r : results) {
      RunSpec s = r.spec();
      if (s.kind() == Kind.DYNAMICS) {
        continue;
      }
      boolean dmf = s.kind() == Kind.DMF;
      out.write(String.join(",", RunSpec.lower(s.task()), String.valueOf(s.observed()),
          dmf ? "dmf" : "nuclear", dmf ? String.valueOf(s.depth()) : "", dmf ? String.valueOf(s.initScale()) : "",
          dmf ? String.valueOf(s.lr()) : "", String.valueOf(s.seed()), String.valueOf(r.steps()),
          String.valueOf(r.seconds()), String.valueOf(r.error()), String.valueOf(r.nuclearNorm()),
          String.valueOf(r.effectiveRank()), r.stopReason()) + "\n");
    }
  }

  private static void writeTrajectory(RunResult run, Writer out) throws IOException {
    StringBuilder header = new StringBuilder("step,error");
    for (int k = 1; k <= Runner.TOP_SINGULAR_VALUES; k++) {
      header.append(",sigma_").append(k);
    }
    out.write(header.append('\n').toString());
    for (double[] row : run.trajectory()) {
      out.write((long) row[0] + Arrays.stream(row, 1, row.length).mapToObj(v -> "," + v)
          .collect(Collectors.joining()) + "\n");
    }
  }

  private List<RunResult> ofKind(Kind kind) {
    return results.stream().filter(r -> r.spec().kind() == kind).toList();
  }

  private TreeSet<Integer> observedSizes(Task task) {
    return results.stream().filter(r -> r.spec().task() == task && r.spec().kind() != Kind.DYNAMICS)
        .map(r -> r.spec().observed()).collect(Collectors.toCollection(TreeSet::new));
  }

  private List<RunResult> cell(Kind kind, Task task, int observed) {
    return results.stream().filter(r -> r.spec().kind() == kind && r.spec().task() == task
        && r.spec().observed() == observed).toList();
  }

  /**
   * Median of a quantity over the seeds of each (depth, lr, scale), as one line per (depth, lr) against
   * the init scale; a sweep of one init scale (such as --quick) is drawn against the depth instead, one
   * line per lr, so that the figure shows every run.
   */
  private List<String> sweepFigures(Task task, int observed) throws IOException {
    List<RunResult> dmf = cell(Kind.DMF, task, observed);
    List<RunResult> nuclear = cell(Kind.NUCLEAR, task, observed);
    if (dmf.isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    String[][] panels = {{"error", "reconstruction error"}, {"nuclear-norm", "nuclear norm"},
        {"effective-rank", "effective rank"}};
    List<ToDoubleFunction<RunResult>> quantities =
        List.of(RunResult::error, RunResult::nuclearNorm, RunResult::effectiveRank);
    boolean byDepth = dmf.stream().mapToDouble(r -> r.spec().initScale()).distinct().count() == 1;
    ToDoubleFunction<RunResult> x = byDepth ? r -> r.spec().depth() : r -> r.spec().initScale();
    Function<RunResult, String> line = byDepth
        ? r -> String.format(Locale.ROOT, "lr %.0e, init scale %.0e", r.spec().lr(), r.spec().initScale())
        : r -> String.format(Locale.ROOT, "depth %d, lr %.0e", r.spec().depth(), r.spec().lr());
    double[] xRange = {dmf.stream().mapToDouble(x).min().orElse(1), dmf.stream().mapToDouble(x).max().orElse(1)};
    for (int p = 0; p < panels.length; p++) {
      ToDoubleFunction<RunResult> quantity = quantities.get(p);
      List<Figures.Line> lines = new ArrayList<>();
      Map<String, List<RunResult>> byLine = dmf.stream().collect(Collectors.groupingBy(line, TreeMap::new,
          Collectors.toList()));
      for (var entry : byLine.entrySet()) {
        TreeMap<Double, List<Double>> byX = new TreeMap<>();
        for (RunResult r : entry.getValue()) {
          byX.computeIfAbsent(x.applyAsDouble(r), s -> new ArrayList<>()).add(quantity.applyAsDouble(r));
        }
        double[] xs = byX.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[] ys = byX.values().stream().mapToDouble(ExperimentReport::median).toArray();
        lines.add(new Figures.Line(entry.getKey(), xs, ys, false));
      }
      if (!nuclear.isEmpty()) {
        double value = median(nuclear.stream().map(quantity::applyAsDouble).toList());
        double[] xs = xRange[0] == xRange[1] ? new double[] {xRange[0] / 2, xRange[0] * 2} : xRange.clone();
        lines.add(new Figures.Line("min nuclear norm", xs, new double[] {value, value}, true));
      }
      String name = String.format(Locale.ROOT, "%s-%s-%d", panels[p][0], RunSpec.lower(task), observed);
      Figures.save(Figures.chart(String.format(Locale.ROOT, "%s: %s, %d %s", panels[p][1],
          RunSpec.lower(task), observed, task == Task.COMPLETION ? "entries" : "measurements"),
          byDepth ? "depth" : "init scale", panels[p][1], !byDepth, p == 0, lines),
          directory.resolve("figures").resolve(name));
      names.add(name);
    }
    return names;
  }

  /** One figure per depth: the top singular values of W over the steps. */
  private String dynamicsFigure(RunResult run) throws IOException {
    List<double[]> rows = run.trajectory();
    double[] steps = rows.stream().mapToDouble(r -> r[0]).toArray();
    List<Figures.Line> lines = new ArrayList<>();
    for (int k = 0; k < Runner.TOP_SINGULAR_VALUES; k++) {
      int column = 2 + k;
      lines.add(new Figures.Line("sigma_" + (k + 1), steps, rows.stream().mapToDouble(r -> r[column]).toArray(), false));
    }
    String name = "dynamics-depth-" + run.spec().depth();
    Figures.save(Figures.chart("depth " + run.spec().depth() + ": top singular values of W (GD, identity init)",
        "step", "singular value", false, false, lines), directory.resolve("figures").resolve(name));
    return name;
  }

  private void writeMarkdown(Writer out, List<String> figures) throws IOException {
    out.write("# Implicit regularization in deep matrix factorization: our runs\n\n");
    out.write("Last generated by `" + command + "` from the " + results.size() + " finished runs in this directory"
        + " (rank-5 100 x 100, gaussian init, group RMSprop, stop at train MSE 1e-6; see results.csv).\n\n");
    for (Task task : Task.values()) {
      writeReferenceTable(out, task);
      writeChecks(out, task);
    }
    for (String figure : figures) {
      out.write("![" + figure + "](figures/" + figure + ".png)\n\n");
    }
    writeDynamics(out);
  }

  /**
   * The cell of a task's sweep run with the most seeds (the plan adds seeds at its reference cell: the
   * first |Omega|, init scale and lr), as {observed, init scale, lr}; null without runs of the task.
   */
  private double[] referenceCell(Task task) {
    return cellsOf(task).entrySet().stream()
        .max(Comparator.<Map.Entry<List<Double>, Long>>comparingLong(Map.Entry::getValue)
            .thenComparing(e -> -e.getKey().get(0)))
        .map(e -> e.getKey().stream().mapToDouble(Double::doubleValue).toArray())
        .orElse(null);
  }

  /** Number of distinct seeds per {observed, init scale, lr} of a task's DMF runs. */
  private Map<List<Double>, Long> cellsOf(Task task) {
    return results.stream().filter(r -> r.spec().kind() == Kind.DMF && r.spec().task() == task)
        .collect(Collectors.groupingBy(r -> List.of((double) r.spec().observed(), r.spec().initScale(), r.spec().lr()),
            Collectors.mapping(r -> r.spec().seed(), Collectors.collectingAndThen(Collectors.toSet(), set -> (long) set.size()))));
  }

  /**
   * The headline table of a task: the reference cell, medians over seeds, beside the published errors
   * (completion only: the paper's sensing figures are not available to us).
   */
  private void writeReferenceTable(Writer out, Task task) throws IOException {
    double[] cell = referenceCell(task);
    if (cell == null) {
      return;
    }
    int observed = (int) cell[0];
    boolean published = task == Task.COMPLETION && observed == 2000 && cell[1] == 1e-3 && cell[2] == 1e-3;
    out.write(String.format(Locale.ROOT, "## %s, s = %.0e, lr = %.0e (median over seeds)%n%n",
        task == Task.COMPLETION ? "Completion, |Ω| = " + observed : "Sensing, " + observed + " measurements",
        cell[1], cell[2]));
    out.write("| method | seeds | error (ours) | published | ratio | nuclear norm | effective rank |\n");
    out.write("| --- | --- | --- | --- | --- | --- | --- |\n");
    writeRow(out, "nuclear", cell(Kind.NUCLEAR, task, observed), published);
    for (int depth : new TreeSet<>(cell(Kind.DMF, task, observed).stream()
        .map(r -> r.spec().depth()).toList())) {
      writeRow(out, "depth " + depth, referenceRuns(task, depth, cell), published);
    }
    out.write("\n");
  }

  private List<RunResult> referenceRuns(Task task, int depth, double[] cell) {
    return cell(Kind.DMF, task, (int) cell[0]).stream()
        .filter(r -> r.spec().depth() == depth && r.spec().initScale() == cell[1] && r.spec().lr() == cell[2])
        .toList();
  }

  private static void writeRow(Writer out, String method, List<RunResult> runs, boolean comparable)
      throws IOException {
    if (runs.isEmpty()) {
      return;
    }
    double error = median(runs.stream().map(RunResult::error).toList());
    Double published = comparable ? PUBLISHED.get(method) : null;
    out.write(String.format(Locale.ROOT, "| %s | %d | %.3e | %s | %s | %.1f | %.2f |\n", method, runs.size(),
        error, published == null ? "—" : String.format(Locale.ROOT, "%.3e", published),
        published == null ? "—" : String.format(Locale.ROOT, "%.2f", error / published),
        median(runs.stream().map(RunResult::nuclearNorm).toList()),
        median(runs.stream().map(RunResult::effectiveRank).toList())));
  }

  private void writeChecks(Writer out, Task task) throws IOException {
    double[] cell = referenceCell(task);
    if (cell == null) {
      return;
    }
    List<RunResult> nuclear = cell(Kind.NUCLEAR, task, (int) cell[0]);
    List<RunResult> depth2 = referenceRuns(task, 2, cell);
    List<RunResult> depth3 = referenceRuns(task, 3, cell);
    if (nuclear.isEmpty() || depth2.isEmpty() || depth3.isEmpty()) {
      return;
    }
    double e3 = median(depth3.stream().map(RunResult::error).toList());
    double e2 = median(depth2.stream().map(RunResult::error).toList());
    double en = median(nuclear.stream().map(RunResult::error).toList());
    double r3 = median(depth3.stream().map(RunResult::effectiveRank).toList());
    double rn = median(nuclear.stream().map(RunResult::effectiveRank).toList());
    out.write("### Checks\n\n");
    out.write(String.format(Locale.ROOT, "- depth 3 vs depth 2: %.0fx lower error (%s 10x)\n", e2 / e3,
        e2 / e3 >= 10 ? "at least" : "**less than**"));
    out.write(String.format(Locale.ROOT, "- depth 3 vs minimum nuclear norm: %.0fx lower error (%s 10x)\n",
        en / e3, en / e3 >= 10 ? "at least" : "**less than**"));
    out.write(String.format(Locale.ROOT, "- effective rank: depth 3 %.2f vs nuclear-norm solution %.2f (%s)\n\n",
        r3, rn, r3 < rn ? "lower, as published" : "**not lower**"));
  }

  private void writeDynamics(Writer out) throws IOException {
    List<RunResult> dynamics = ofKind(Kind.DYNAMICS);
    if (dynamics.isEmpty()) {
      return;
    }
    RunSpec first = dynamics.get(0).spec();
    out.write(String.format(Locale.ROOT, "## Singular value dynamics (full-batch GD, lr %s, identity init %s, |Ω| = %d)%n%n",
        first.lr(), first.initScale(), first.observed()));
    out.write("| depth | steps | final error | singular values above 1 | largest | steps at which they passed half their final value |\n");
    out.write("| --- | --- | --- | --- | --- | --- |\n");
    Map<RunResult, List<Long>> jumpsOf = new IdentityHashMap<>();
    for (RunResult run : dynamics) {
      double[] last = run.trajectory().get(run.trajectory().size() - 1);
      List<Long> jumps = jumpSteps(run);
      jumpsOf.put(run, jumps);
      out.write(String.format(Locale.ROOT, "| %d | %d | %.3e | %d | %.1f | %s |\n", run.spec().depth(),
          run.steps(), run.error(), jumps.size(), last[2],
          jumps.stream().map(String::valueOf).collect(Collectors.joining(", "))));
    }
    out.write("\nPer-step values: `dynamics/*.csv`.\n\n");
    writeDynamicsComparison(out, dynamics, jumpsOf);
  }

  /** For each singular value that ends above 1, the first step at which it reached half its final value. */
  private static List<Long> jumpSteps(RunResult run) {
    double[] last = run.trajectory().get(run.trajectory().size() - 1);
    List<Long> jumps = new ArrayList<>();
    for (int k = 0; k < Runner.TOP_SINGULAR_VALUES; k++) {
      double finalValue = last[2 + k];
      if (finalValue > 1) {
        for (double[] row : run.trajectory()) {
          if (row[2 + k] >= finalValue / 2) {
            jumps.add((long) row[0]);
            break;
          }
        }
      }
    }
    return jumps;
  }

  /**
   * Our dynamics beside the published description (Arora et al. 2019: depth 3 has exactly five
   * singular values that jump, to about 33-55, between roughly 8.5k and 15k steps; depth 1 ends at
   * error 0.819), and the time scale our loss implies; {@code jumpsOf} holds each run's {@link #jumpSteps}.
   */
  private static void writeDynamicsComparison(Writer out, List<RunResult> dynamics,
      Map<RunResult, List<Long>> jumpsOf) throws IOException {
    out.write("### Compared with the published run\n\n");
    for (RunResult run : dynamics) {
      double[] last = run.trajectory().get(run.trajectory().size() - 1);
      switch (run.spec().depth()) {
        case 1 -> out.write(String.format(Locale.ROOT, "- depth 1: final error %.3f (published 0.819)%n", run.error()));
        case 3 -> {
          List<Long> jumps = jumpsOf.get(run);
          out.write(String.format(Locale.ROOT,
              "- depth 3: %d singular values above 1 (published: exactly 5), the largest %.1f (published: about 33-55)",
              jumps.size(), last[2]));
          if (!jumps.isEmpty()) {
            long from = jumps.stream().min(Long::compare).orElseThrow();
            long to = jumps.stream().max(Long::compare).orElseThrow();
            out.write(String.format(Locale.ROOT,
                ", half-way between steps %d and %d (published: roughly 8.5k and 15k, so %.1fx and %.1fx later)",
                from, to, from / 8.5e3, to / 15e3));
          }
          out.write("\n");
        }
        default -> out.write(String.format(Locale.ROOT,
            "- depth %d: the top five singular values end between %.1f and %.1f, the next five between %.2f and %.2f"
                + " (published for depth 2: five large ones and a tail of small ones)%n",
            run.spec().depth(), last[2 + 4], last[2], last[2 + Runner.TOP_SINGULAR_VALUES - 1], last[2 + 5]));
      }
    }
    RunSpec spec = dynamics.get(0).spec();
    out.write(String.format(Locale.ROOT, "%nWhy the step axis may differ: our loss is the mean squared error over the "
        + "observed entries (docs/maths.md), so for depth 1 gradient descent shrinks the residual on Ω by a factor "
        + "(1 - 2 lr / |Ω|) per step, by 1/e every |Ω| / (2 lr) = %.0f steps here. A run whose loss is "
        + "normalised differently (a sum, or a tenth of |Ω|) moves proportionally faster at the same lr; the "
        + "pattern (how many values jump, to what, in what order) does not depend on it.%n",
        spec.observed() / (2 * spec.lr())));
  }

  private static double median(List<Double> values) {
    return Metrics.median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
