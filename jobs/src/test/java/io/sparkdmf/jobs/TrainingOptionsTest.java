package io.sparkdmf.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Defaults that depend on the problem's size. */
class TrainingOptionsTest {
  @Test
  void singularValuesAreRecordedByDefaultOnlyWhereTheirSvdIsCheap() {
    TrainingOptions defaults = new TrainingOptions();
    new CommandLine(defaults).setCaseInsensitiveEnumValuesAllowed(true).parseArgs();
    assertEquals(10, defaults.singularValues(100 * 100), "the reference task");
    assertEquals(0, defaults.singularValues(943L * 1682), "a MovieLens-100k-sized users x items matrix");
    TrainingOptions asked = new TrainingOptions();
    new CommandLine(asked).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--singular-values", "3");
    assertEquals(3, asked.singularValues(943L * 1682), "a given value always wins");
  }
}
