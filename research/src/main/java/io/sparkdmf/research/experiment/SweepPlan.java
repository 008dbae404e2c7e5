package io.sparkdmf.research.experiment;

import io.sparkdmf.research.experiment.RunSpec.Kind;
import io.sparkdmf.research.experiment.RunSpec.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runs of the implicit-regularization experiment (Arora et al. 2019, Figures 1-3): for each task
 * and |Omega|, every depth x init scale x learning rate with seed 0, the extra seeds at the reference
 * cell (first |Omega|, s = first scale, first lr) for medians, the nuclear-norm baseline for every
 * (task, |Omega|, seed), and the dynamics runs (full-batch GD from the identity start, completion at
 * the first |Omega|). Cheap runs come first so that results appear early.
 */
record SweepPlan(List<Task> tasks, List<Integer> observed, List<Integer> depths,
    List<Double> completionScales, List<Double> sensingScales, List<Double> learningRates,
    List<Long> seeds, List<Integer> dynamicsDepths, double dynamicsScale, double dynamicsLr) {

  List<RunSpec> runs() {
    Set<RunSpec> runs = new LinkedHashSet<>();
    for (int depth : dynamicsDepths) {
      runs.add(new RunSpec(Kind.DYNAMICS, Task.COMPLETION, observed.get(0), depth, dynamicsScale, dynamicsLr, 0));
    }
    for (Task task : tasks) {
      for (int size : observed) {
        for (long seed : seedsFor(size)) {
          runs.add(new RunSpec(Kind.NUCLEAR, task, size, 0, 0, 0, seed));
        }
      }
    }
    for (Task task : tasks) {
      List<Double> scales = task == Task.COMPLETION ? completionScales : sensingScales;
      for (int size : observed) {
        for (int depth : depths) {
          for (double scale : scales) {
            for (double lr : learningRates) {
              boolean referenceCell = size == observed.get(0) && scale == scales.get(0) && lr == learningRates.get(0);
              for (long seed : referenceCell ? seeds : List.of(seeds.get(0))) {
                runs.add(new RunSpec(Kind.DMF, task, size, depth, scale, lr, seed));
              }
            }
          }
        }
      }
    }
    return new ArrayList<>(runs);
  }

  /**
   * {@code runs} in units of work: sensing sweep runs on the same measurements (same count and seed)
   * together, to be trained at once on one copy of the operators; every other run alone. The groups
   * come first, the most work (runs x measurements) first, because the longest of them bounds the
   * sweep's wall time; then the single runs in plan order.
   */
  static List<List<RunSpec>> sharingMeasurements(List<RunSpec> runs) {
    Map<String, List<RunSpec>> units = new LinkedHashMap<>();
    for (RunSpec run : runs) {
      String key = run.kind() == Kind.DMF && run.task() == Task.SENSING
          ? "sensing-" + run.observed() + "-seed" + run.seed()
          : run.id();
      units.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
    }
    List<List<RunSpec>> ordered = new ArrayList<>(units.values());
    ordered.sort(Comparator.comparingLong(unit -> unit.size() == 1 ? 0 : -(long) unit.size() * unit.get(0).observed()));
    return ordered;
  }

  private List<Long> seedsFor(int size) {
    return size == observed.get(0) ? seeds : List.of(seeds.get(0));
  }
}
