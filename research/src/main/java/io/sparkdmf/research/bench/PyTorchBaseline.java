package io.sparkdmf.research.bench;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.data.CompletionProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs deploy/bench/pytorch_step.py (the authors' PyTorch loop) on the benchmark's own entries as
 * a child process, so that both are measured in one run on the same machine.
 */
final class PyTorchBaseline {
  private static final String SCRIPT = "deploy/bench/pytorch_step.py";

  private PyTorchBaseline() {}

  /** What the PyTorch loop measured: milliseconds per step, or steps and seconds to converge. */
  record Measurement(double msPerStep, int steps, double seconds, String line) {}

  /** @return PyTorch's median milliseconds per step */
  static double msPerStep(String python, CompletionProblem problem, FactorShapes shapes, int warmup,
      int steps, int repeats, int threads) throws IOException, InterruptedException {
    String[] f = run(python, problem, shapes, threads, "pytorch_ms_per_step ", "--warmup", String.valueOf(warmup),
        "--steps", String.valueOf(steps), "--repeats", String.valueOf(repeats));
    System.out.printf(Locale.ROOT, "%-40s median %s ms/step (min %s, max %s, %d x %d steps; torch %s)%n",
        "pytorch loop, " + threads + " thread(s)", f[1], f[2], f[3], repeats, steps, f[5]);
    return Double.parseDouble(f[1]);
  }

  /** @return {steps, seconds} PyTorch took to reach the train loss {@code threshold} from its start */
  static double[] converge(String python, CompletionProblem problem, FactorShapes shapes, double threshold,
      int threads) throws IOException, InterruptedException {
    String[] f = run(python, problem, shapes, threads, "pytorch_converge ", "--converge",
        "--threshold", String.valueOf(threshold));
    System.out.printf(Locale.ROOT, "%-40s %s steps to train loss %s in %s s%n",
        "pytorch loop, " + threads + " thread(s)", f[1], f[3], f[2]);
    return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
  }

  /** Runs the script on the problem's entries and returns the fields of its result line. */
  private static String[] run(String python, CompletionProblem problem, FactorShapes shapes, int threads,
      String resultPrefix, String... extra) throws IOException, InterruptedException {
    Path entries = Files.createTempFile("dmf-bench-entries", ".csv");
    try {
      try (Writer out = Files.newBufferedWriter(entries, StandardCharsets.UTF_8)) {
        EntryBlock train = problem.train();
        for (int e = 0; e < train.size(); e++) {
          out.write(train.row(e) + "," + train.col(e) + "," + train.value(e) + "\n");
        }
      }
      List<String> command = new ArrayList<>(List.of(python, script().toString(), "--entries", entries.toString(),
          "--rows", String.valueOf(shapes.rows()), "--cols", String.valueOf(shapes.cols()),
          "--depth", String.valueOf(shapes.depth()), "--width", String.valueOf(shapes.hiddenWidth()),
          "--threads", String.valueOf(threads)));
      command.addAll(List.of(extra));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String result = null;
      StringBuilder output = new StringBuilder();
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          output.append(line).append('\n');
          if (line.startsWith(resultPrefix)) {
            result = line;
          }
        }
      }
      if (process.waitFor() != 0 || result == null) {
        throw new IllegalStateException("the PyTorch baseline failed (" + String.join(" ", command)
            + "); is python3-torch installed?\n" + output);
      }
      return result.split(" ");
    } finally {
      Files.deleteIfExists(entries);
    }
  }

  /** The script, found from the launcher's working directory or the project root. */
  private static Path script() {
    String root = System.getProperty("dmf.home", ".");
    return Path.of(root, SCRIPT);
  }
}
