package io.sparkdmf.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What a scheduled run relies on: run.json, config files with command-line overrides, no overwrite. */
class BatchRunTest {
  private static final String SMALL = "n=20,rank=2,observed=150,seed=0";

  @TempDir Path dir;

  @Test
  void runJsonRecordsTheBuildTheOptionsTheInputsAndTheSparkApplication() throws IOException {
    Path entries = Files.writeString(dir.resolve("entries.txt"), "0 0 1.0\n1 1 2.0\n0 1 0.5\n1 0 1.0\n");
    Path out = dir.resolve("out");
    assertEquals(0, Main.run("complete", "--input", entries.toString(), "--max-steps", "20", "--engine", "local",
        "--out", out.toString()));
    JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertEquals("complete", run.get("command").get(0).asText());
    assertEquals("20", run.get("options").get("--max-steps").asText());
    assertEquals("100", run.get("options").get("--history-every").asText(), "defaults are recorded too");
    assertTrue(run.get("options").get("--depth").isNull(), "a default that depends on --ratings is left to metrics.json");
    assertTrue(run.get("git_commit").asText().matches("[0-9a-f]{40}|unknown"), run.get("git_commit").asText());
    JsonNode input = run.get("inputs").get(0);
    assertTrue(input.get("path").asText().endsWith("entries.txt"));
    assertEquals(Files.size(entries), input.get("bytes").asLong());
    assertEquals(64, input.get("sha256").asText().length());
    assertTrue(run.get("spark_application_id").asText().startsWith("local-"));
    assertTrue(run.get("end").asText().compareTo(run.get("start").asText()) >= 0);
  }

  @Test
  void configFileValuesAreDefaultsTheCommandLineOverrides() throws IOException {
    Path config = Files.writeString(dir.resolve("job.properties"),
        "# nightly\nsynthetic = " + SMALL + "\nmax-steps = 30\ncomplete.depth = 2\n");
    Path out = dir.resolve("out");
    assertEquals(0, Main.run("complete", "--config", config.toString(), "--max-steps", "10", "--out", out.toString()));
    JsonNode options = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("options");
    assertEquals(SMALL, options.get("--synthetic").asText());
    assertEquals("10", options.get("--max-steps").asText());
    assertEquals("2", options.get("--depth").asText());
  }

  @Test
  void anExistingOutputIsNeitherOverwrittenNorTouchedWithoutOverwrite() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Path previous = Files.writeString(out.resolve("metrics.json"), "{\"previous\": true}");
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--synthetic", SMALL, "--max-steps", "5",
        "--out", out.toString()));
    assertEquals("{\"previous\": true}", Files.readString(previous));
    assertEquals(0, Main.run("complete", "--synthetic", SMALL, "--max-steps", "5", "--overwrite",
        "--out", out.toString()));
    assertTrue(Files.exists(out.resolve("run.json")));
    try (Stream<Path> siblings = Files.list(dir)) {
      assertEquals(List.of(out), siblings.toList(), "no staging directory left behind");
    }
  }

  static Stream<Path> hostileConfigs() throws IOException, URISyntaxException {
    Path corpus = Path.of(BatchRunTest.class.getResource("/hostile/config").toURI());
    try (Stream<Path> files = Files.list(corpus)) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileConfigs")
  void hostileConfigFilesAreRefused(Path config) {
    Path out = dir.resolve("out");
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--synthetic", SMALL, "--config", config.toString(),
        "--out", out.toString()));
    assertFalse(Files.exists(out));
  }

  @Test
  void aMissingConfigFileIsRefused() {
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("complete", "--config", dir.resolve("absent.properties").toString(),
        "--out", dir.resolve("out").toString()));
  }

  /** Every job's help lists --config, which is read before the job's own options. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("jobs")
  void everyHelpListsTheConfigOption(List<String> job) {
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      List<String> args = new ArrayList<>(job);
      args.add("--help");
      assertEquals(0, Main.run(args.toArray(String[]::new)));
    } finally {
      System.setOut(original);
    }
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("--config=FILE"), printed.toString(StandardCharsets.UTF_8));
  }

  static Stream<List<String>> jobs() {
    return Stream.of(List.of("complete"), List.of("sense"), List.of("sharpness"), List.of("cluster"),
        List.of("generate-ratings"));
  }
}
