package io.sparkdmf.jobs;

import java.util.stream.Stream;

/** Command lines for job tests. */
final class Args {
  private Args() {}

  static String[] concat(String[] first, String... more) {
    return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
  }
}
