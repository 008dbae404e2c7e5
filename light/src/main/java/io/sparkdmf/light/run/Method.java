package io.sparkdmf.light.run;

import java.util.Locale;

/** How a run factors Z: the deep image prior or one of its baselines. */
public enum Method {
  /** Two generators trained together (the method of this module). */
  DIP,
  /** Lee-Seung non-negative matrix factorization. */
  NMF,
  /** MLlib's ALS with nonnegative = true. */
  ALS;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
