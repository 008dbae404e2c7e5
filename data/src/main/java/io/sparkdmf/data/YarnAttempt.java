package io.sparkdmf.data;

import java.util.Optional;

/**
 * The YARN application attempt a process runs in, read from its container's id: a driver in YARN's
 * cluster mode runs in the application master's container, and YARN starts attempt k + 1 of an
 * application only after attempt k has ended.
 *
 * @param application the application's cluster timestamp and number, as in {@code application_1796503028252_0003}
 * @param attempt the attempt, from 1
 */
record YarnAttempt(String application, int attempt) {

  /** The attempt of this process, if it runs in a YARN container ({@code CONTAINER_ID} is set). */
  static Optional<YarnAttempt> current() {
    return fromContainerId(System.getenv("CONTAINER_ID"));
  }

  /**
   * Parses {@code container_[e<epoch>_]<timestamp>_<application>_<attempt>_<container>}; anything else
   * (null, another layout) is no attempt.
   */
  static Optional<YarnAttempt> fromContainerId(String containerId) {
    if (containerId == null || !containerId.startsWith("container_")) {
      return Optional.empty();
    }
    String[] parts = containerId.substring("container_".length()).split("_");
    int first = parts.length > 0 && parts[0].startsWith("e") ? 1 : 0;
    if (parts.length - first != 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(new YarnAttempt(parts[first] + "_" + parts[first + 1], Integer.parseInt(parts[first + 2])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
