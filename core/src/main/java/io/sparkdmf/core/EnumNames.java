package io.sparkdmf.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum constants read from user input by name, in any case, with an error that lists the choices. */
public final class EnumNames {
  private EnumNames() {}

  /** The constant of {@code type} named {@code name} (case and surrounding spaces ignored). */
  public static <E extends Enum<E>> E parse(Class<E> type, String name, String what) {
    try {
      return Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      String choices = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(", "));
      throw new IllegalArgumentException("unknown " + what + " '" + name + "' (expected one of " + choices + ")");
    }
  }
}
