package io.sparkdmf.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses the {@code key=value,...} specs of synthetic tasks, with the keys each task accepts. */
final class SyntheticSpec {
  private final String spec;
  private final Map<String, Long> fields = new HashMap<>();

  SyntheticSpec(String spec, List<String> required, List<String> optional) {
    this.spec = spec;
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

  int intValue(String key, long otherwise) {
    try {
      return Math.toIntExact(fields.getOrDefault(key, otherwise));
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("synthetic spec '" + spec + "': " + key + " is too large");
    }
  }

  long longValue(String key, long otherwise) {
    return fields.getOrDefault(key, otherwise);
  }
}
