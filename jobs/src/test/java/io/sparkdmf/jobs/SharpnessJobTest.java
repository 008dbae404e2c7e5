package io.sparkdmf.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.data.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sharpness job on a model trained by complete. */
class SharpnessJobTest {
  @TempDir Path dir;

  @Test
  void sharpnessOfATrainedDepthTwoModelMatchesItsClosedForm() throws IOException {
    Path trained = dir.resolve("trained");
    assertEquals(0, Main.run("complete", "--synthetic", "n=12,rank=2,observed=100,seed=3", "--depth", "2",
        "--lr", "3e-3", "--max-steps", "3000", "--engine", "local", "--out", trained.toString()));
    Path out = dir.resolve("sharpness");
    assertEquals(0, Main.run("sharpness", "--model", trained.resolve("factors").toString(), "--loss", "half",
        "--out", out.toString()));
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    double lambda = metrics.get("lambda_max").asDouble();
    // the model is an exact factorization of its own product: Hessian = Gauss-Newton = closed form
    assertEquals(metrics.get("lambda_max_closed_form").asDouble(), lambda, 1e-8 * lambda);
    assertEquals(metrics.get("lambda_max_gauss_newton").asDouble(), lambda, 1e-8 * lambda);
    assertTrue(metrics.get("sharpness_over_flattest").asDouble() >= 1 - 1e-9, "no minimizer is flatter than the bound");
    assertEquals(2 / lambda, metrics.get("stable_step_size").asDouble(), 1e-12 / lambda);
    assertEquals(1, metrics.get("imbalance").size());

    assertEquals(Main.EXIT_BAD_INPUT, Main.run("sharpness", "--model", trained.resolve("factors").toString(),
        "--loss", "quarter", "--out", dir.resolve("bad").toString()));
  }

  @Test
  void overObservedEntriesTheGaussNewtonValueComesFromSparkAndMatchesTheExactHessianAtZeroResidual()
      throws IOException {
    Path trained = dir.resolve("trained");
    assertEquals(0, Main.run("complete", "--synthetic", "n=10,rank=2,observed=60,seed=4", "--depth", "3",
        "--max-steps", "300", "--engine", "local", "--out", trained.toString()));
    DeepFactorization model = ModelStore.load(trained.resolve("factors").toString(), new Configuration());
    Matrix w = model.endToEnd();
    StringBuilder entries = new StringBuilder();
    for (int e = 0; e < 60; e++) { // the model's own values on a subset: zero residual there
      int i = (7 * e) % 10;
      int j = (3 * e + e / 10) % 10;
      entries.append(i).append(' ').append(j).append(' ').append(w.get(i, j)).append('\n');
    }
    Path input = Files.writeString(dir.resolve("entries.txt"), entries.toString());
    Path out = dir.resolve("sharpness");
    assertEquals(0, Main.run("sharpness", "--model", trained.resolve("factors").toString(),
        "--input", input.toString(), "--out", out.toString()));
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    double lambda = metrics.get("lambda_max").asDouble();
    assertEquals(lambda, metrics.get("lambda_max_gauss_newton").asDouble(), 1e-8 * lambda);
    assertFalse(metrics.has("lambda_min_over_minimizers"), "the bound is for fully observed losses");
  }
}
