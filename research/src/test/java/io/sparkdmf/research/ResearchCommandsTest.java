package io.sparkdmf.research;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.jobs.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The research commands exist beside the jobs through {@link ResearchMain}, and only there. */
class ResearchCommandsTest {

  static Stream<List<String>> commands() {
    return Stream.of(List.of("experiment", "multiview"), List.of("experiment", "escape"),
        List.of("experiment", "implicit-regularization"), List.of("bench", "step"), List.of("bench", "ratings"),
        List.of("bench", "multiview-scale"), List.of("complete"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void everyHelpListsTheConfigOption(List<String> command) {
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      List<String> args = new ArrayList<>(command);
      args.add("--help");
      assertEquals(0, ResearchMain.run(args.toArray(String[]::new)));
    } finally {
      System.setOut(original);
    }
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("--config=FILE"), printed.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theJobsAloneDoNotKnowThem() {
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("bench", "step"));
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("experiment", "escape"));
  }
}
