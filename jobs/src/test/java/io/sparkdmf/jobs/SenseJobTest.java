package io.sparkdmf.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdmf.core.sensing.MeasurementBlock;
import io.sparkdmf.data.SensingProblem;
import io.sparkdmf.data.SyntheticSensing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sense job reading measurement files: the same run as on the generated measurements they hold. */
class SenseJobTest {
  private static final String SPEC = "n=6,rank=2,measurements=40,test=10,seed=4";

  @TempDir Path dir;

  private static JsonNode metrics(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
  }

  /** One measurement per line: the value, then vec(A_k). */
  private static String lines(List<MeasurementBlock> blocks) {
    StringBuilder text = new StringBuilder("# y, vec(A)\n");
    for (MeasurementBlock block : blocks) {
      int size = block.operators().rows();
      for (int k = 0; k < block.size(); k++) {
        text.append(block.values()[k]);
        for (int e = 0; e < size; e++) {
          text.append(',').append(block.operators().data()[k * size + e]);
        }
        text.append('\n');
      }
    }
    return text.toString();
  }

  @Test
  void filesGiveTheSameRunAsTheMeasurementsTheyHold() throws IOException {
    SensingProblem problem = SyntheticSensing.parse(SPEC).generate();
    Path train = Files.writeString(dir.resolve("train.csv"), lines(problem.train()));
    Path test = Files.writeString(dir.resolve("test.csv"), lines(problem.test()));
    String[] common = {"--max-steps", "50", "--engine", "local", "--init-scale", "0.1", "--lr", "0.01"};
    assertEquals(0, Main.run(Args.concat(new String[] {"sense", "--synthetic", SPEC,
        "--out", dir.resolve("generated").toString()}, common)));
    assertEquals(0, Main.run(Args.concat(new String[] {"sense", "--input", train.toString(), "--test", test.toString(),
        "--rows", "6", "--cols", "6", "--out", dir.resolve("read").toString()}, common)));
    JsonNode generated = metrics(dir.resolve("generated"));
    JsonNode read = metrics(dir.resolve("read"));
    assertEquals(40, read.get("measurements").asInt());
    assertEquals(generated.get("train_loss").asDouble(), read.get("train_loss").asDouble(), 0.0);
    assertEquals(generated.get("test_rmse").asDouble(), read.get("test_rmse").asDouble(), 0.0);
    assertFalse(read.has("reconstruction_error"), "no ground truth is known for files");
  }

  @Test
  void badMeasurementFilesNameTheLine() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "1.0," + "0.5,".repeat(35) + "0.5\n2.0,1,2\n");
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("sense", "--input", bad.toString(), "--rows", "6", "--cols", "6",
        "--out", dir.resolve("out").toString()));
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("sense", "--input", bad.toString(),
        "--out", dir.resolve("out").toString()));
    assertFalse(Files.exists(dir.resolve("out")));
  }
}
