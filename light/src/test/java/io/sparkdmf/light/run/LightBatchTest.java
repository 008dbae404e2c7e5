package io.sparkdmf.light.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdmf.light.dip.DipSettings;
import io.sparkdmf.light.scene.FrameShape;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** A batch on Spark (each run a task) gives exactly the runs of the same batch executed in this JVM. */
class LightBatchTest {

  @Test
  void sparkTasksReproduceTheLocalRuns() {
    DipSettings dip = new DipSettings(15, 1e-3, new int[] {4, 4, 8}, 8, 0.1, 0.5, 1e-4, 0, 1);
    List<LightCase> cases = List.of(LightCase.toy(8, 12, dip),
        LightCase.scene2d(new FrameShape(4, 4), new FrameShape(6, 6), 10, dip));
    List<RunSpec> specs = List.of(new RunSpec("toy-1d", Method.DIP, 1), new RunSpec("toy-1d", Method.NMF, 1),
        new RunSpec("scene-2d", Method.DIP, 2), new RunSpec("scene-2d", Method.NMF, 2));
    List<RunResult> local = LightBatch.run(null, cases, specs);
    List<RunResult> spark = LightBatch.run(JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(
        new SparkConf().setMaster("local[2]").setAppName("light-batch-test"))), cases, specs);
    assertEquals(specs.size(), local.size());
    for (int k = 0; k < local.size(); k++) {
      assertEquals(local.get(k).spec(), spark.get(k).spec());
      assertArrayEquals(local.get(k).factors().hidden().data(), spark.get(k).factors().hidden().data(), 0,
          local.get(k).spec().toString());
      assertEquals(local.get(k).scores(), spark.get(k).scores());
    }
  }
}
