package io.sparkdmf.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.LocalSpark;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus under {@code src/test/resources/hostile}: truncated files, wrong types,
 * huge declared sizes, NaN, ids beyond the int range, wrong delimiters, empty files and binary
 * garbage. Every reader must refuse each with an {@link InputException} naming the file, and without
 * running out of memory (the test JVM has far less than a 10^10-value allocation would take).
 */
class HostileInputTest {

  static Stream<Path> entryFiles() throws IOException, URISyntaxException {
    return corpus("entries");
  }

  static Stream<Path> matFiles() throws IOException, URISyntaxException {
    return corpus("mat");
  }

  static Stream<Path> matrixMarketFiles() throws IOException, URISyntaxException {
    return corpus("matrix-market");
  }

  private static Stream<Path> corpus(String kind) throws IOException, URISyntaxException {
    Path dir = Path.of(HostileInputTest.class.getResource("/hostile/" + kind).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> sorted = files.sorted().toList();
      assertFalse(sorted.isEmpty(), "corpus " + kind + " is empty");
      return sorted.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entryFiles")
  void entryReaderRefuses(Path file) {
    EntryFormat format = new EntryFormat(false, false, EntryFormat.UNKNOWN, EntryFormat.UNKNOWN);
    InputException e = assertThrows(InputException.class,
        () -> new EntryFileReader(LocalSpark.context(), format).read(file.toString()));
    assertNamesFile(e, file);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matFiles")
  void matReaderRefuses(Path file) {
    InputException e = assertThrows(InputException.class, () -> MultiViewReader.readMat(file, null, null));
    assertNamesFile(e, file);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrixMarketFiles")
  void matrixMarketReaderRefuses(Path file) {
    InputException e = assertThrows(InputException.class, () -> {
      try (BufferedReader in = Files.newBufferedReader(file)) {
        MatrixMarket.read(in, file.toString());
      }
    });
    assertNamesFile(e, file);
  }

  private static void assertNamesFile(InputException e, Path file) {
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    assertTrue(e.getMessage().length() < 400, "a message to read, not a dump: " + e.getMessage());
  }
}
