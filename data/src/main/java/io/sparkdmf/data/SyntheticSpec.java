package io.sparkdmf.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the {@code key=value,...} specs of synthetic tasks: {@code n}, {@code rank} and the task's
 * count key are required; {@code m} (default n), {@code test} (default 0) and {@code seed} (default 0)
 * are optional.
 */
final class SyntheticSpec {
  private final String spec;
  private final String countKey;
  private final Map<String, Long> fields = new HashMap<>();

  SyntheticSpec(String spec, String countKey) {
    this.spec = spec;
    this.countKey = countKey;
    List<String> required = List.of("n", "rank", countKey);
    List<String> optional = List.of("m", "test", "seed");
    for (String part : spec.split(",")) {
      String[] keyValue = part.split("=", 2);
      String key = keyValue[0].trim();
      if (keyValue.length != 2 || !(required.contains(key) || optional.contains(key))) {
        throw new IllegalArgumentException("bad synthetic spec part '" + part
            + "': expected key=value with keys " + String.join(", ", required) + ", "
            + String.join(", ", optional));
      }
      try {
        fields.put(key, Long.parseLong(keyValue[1].trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "synthetic spec: " + key + "='" + keyValue[1] + "' is not an integer");
      }
    }
    for (String key : required) {
      if (!fields.containsKey(key)) {
        throw new IllegalArgumentException("synthetic spec '" + spec + "' needs " + key + "=");
      }
    }
  }

  int rows() {
    return intValue("m", cols());
  }

  int cols() {
    return intValue("n", 0);
  }

  int rank() {
    return intValue("rank", 0);
  }

  int count() {
    return intValue(countKey, 0);
  }

  int test() {
    return intValue("test", 0);
  }

  long seed() {
    return fields.getOrDefault("seed", 0L);
  }

  private int intValue(String key, long otherwise) {
    try {
      return Math.toIntExact(fields.getOrDefault(key, otherwise));
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("synthetic spec '" + spec + "': " + key + " is too large");
    }
  }

}
