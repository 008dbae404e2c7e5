package io.sparkdmf.research.experiment;

import java.util.Locale;

/**
 * One run of the implicit-regularization experiment: a deep factorization trained on one task
 * ({@code DMF}), the nuclear-norm baseline on it ({@code NUCLEAR}, depth/scale/lr unused), or a
 * singular-value dynamics run ({@code DYNAMICS}: full-batch GD from the identity start).
 */
public record RunSpec(Kind kind, Task task, int observed, int depth, double initScale, double lr, long seed) {

  public enum Kind { DMF, NUCLEAR, DYNAMICS }

  public enum Task { COMPLETION, SENSING }

  /** A file-name-safe identifier, stable across runs of the job (it is how resume finds finished runs). */
  public String id() {
    String base = lower(kind) + "-" + lower(task) + "-" + observed;
    return switch (kind) {
      case NUCLEAR -> base + "-seed" + seed;
      case DMF, DYNAMICS -> String.format(Locale.ROOT, "%s-depth%d-scale%.0e-lr%.0e-seed%d",
          base, depth, initScale, lr, seed);
    };
  }

  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
