package io.sparkdmf.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;

/**
 * Property-based fuzzing (jqwik) of the entry-line parser and the .mat reader: whatever the input,
 * the outcome is a valid result or the reader's own error with a message, never another exception,
 * an error of the JVM or a hang.
 */
class ParserFuzzTest {
  private static final EntryFormat FORMAT = new EntryFormat(false, false, EntryFormat.UNKNOWN, EntryFormat.UNKNOWN);
  private static Path dir;
  private static byte[] validMat;

  @BeforeContainer
  static void writeAValidMatFile() throws IOException {
    dir = Files.createTempDirectory("fuzz");
    var view = Mat5.newMatrix(4, 3);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) {
        view.setDouble(i, j, i - 2.5 * j);
      }
    }
    Cell views = Mat5.newCell(1, 2);
    views.set(0, view);
    views.set(1, view);
    Path file = dir.resolve("valid.mat");
    Mat5.writeToFile(Mat5.newMatFile().addArray("X", views), file.toFile());
    validMat = Files.readAllBytes(file);
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  @Property(tries = 2000)
  void anyLineParsesToAValidEntryOrANamedProblem(@ForAll("lines") String line) {
    try {
      EntryFormat.Entry entry = FORMAT.parse(line);
      if (entry != null) {
        assertTrue(entry.row() >= 0 && entry.col() >= 0 && Double.isFinite(entry.value()), line);
      }
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank() && e.getMessage().length() < 200, line);
    }
  }

  /** Mostly near-valid lines (numbers, separators, signs, exponents), some arbitrary text. */
  @Provide
  Arbitrary<String> lines() {
    Arbitrary<String> token = Arbitraries.oneOf(
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf),
        Arbitraries.of("NaN", "Infinity", "-0", "1e400", "0x10", "", "+1", "1.5", "#", "%", "9223372036854775808"),
        Arbitraries.strings().ofMaxLength(12));
    Arbitrary<String> separator = Arbitraries.of(" ", ",", "\t", ";", "|", "  ", ", ");
    return Combinators.combine(token.list().ofMinSize(0).ofMaxSize(5), separator)
        .as((tokens, sep) -> String.join(sep, tokens));
  }

  @Property(tries = 300)
  void anyCorruptionOfAMatFileIsReadOrRefused(@ForAll("corruptions") byte[] bytes) throws IOException {
    Path file = Files.write(dir.resolve("fuzzed.mat"), bytes);
    try {
      MultiViewReader.readMat(file, null, null);
    } catch (InputException e) {
      assertTrue(e.getMessage().contains("fuzzed.mat"), e.getMessage());
    }
  }

  /** A valid file with a few bytes overwritten, or cut short. */
  @Provide
  Arbitrary<byte[]> corruptions() {
    Arbitrary<byte[]> overwritten = Combinators.combine(
            Arbitraries.integers().between(0, validMat.length - 1).list().ofMinSize(1).ofMaxSize(8),
            Arbitraries.bytes().list().ofSize(8))
        .as((positions, values) -> {
          byte[] out = validMat.clone();
          for (int i = 0; i < positions.size(); i++) {
            out[positions.get(i)] = values.get(i);
          }
          return out;
        });
    Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, validMat.length - 1)
        .map(length -> Arrays.copyOf(validMat, length));
    return Arbitraries.oneOf(overwritten, truncated);
  }
}
