package io.sparkdmf.light.dip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.sparkdmf.light.scene.LightScene;
import io.sparkdmf.light.scene.ToyScene;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loss's gradient from autograd against central finite differences, in double precision. */
class DipGradientTest {

  @Test
  void gradientsMatchFiniteDifferences() {
    LightScene scene = ToyScene.generate(8, 12, 3);
    DipSettings settings = new DipSettings(1, 1e-3, new int[] {4, 3, 5}, 4, 0.1, 0, 0, 11, 1);
    DeepLearning.configure(1);
    DeepImagePrior dip = new DeepImagePrior(settings);
    try (NDManager manager = NDManager.newBaseManager();
        DeepImagePrior.Problem problem = dip.new Problem(manager, scene.observed(),
            DeepImagePrior.mean(scene.observed()), 8, DataType.FLOAT64)) {
      double[][] gradients;
      try (NDManager scope = manager.newSubManager()) {
        problem.lossAndGradients(scope, false);
        List<NDArray> held = problem.gradients();
        gradients = new double[held.size()][];
        for (int p = 0; p < held.size(); p++) {
          gradients[p] = held.get(p).toDoubleArray();
        }
      }
      int checked = 0;
      double h = 1e-6;
      for (int p = 0; p < problem.parameters().size(); p++) {
        NDArray parameter = problem.parameters().get(p);
        double[] values = parameter.toDoubleArray();
        for (int k = 0; k < values.length; k += Math.max(1, values.length / 3)) {
          double numeric = (lossAt(manager, problem, parameter, values, k, h)
              - lossAt(manager, problem, parameter, values, k, -h)) / (2 * h);
          parameter.set(values);
          assertEquals(numeric, gradients[p][k], 1e-6 * Math.max(1, Math.abs(numeric)),
              "parameter " + p + " entry " + k);
          checked++;
        }
      }
      assertTrue(checked > 20, checked + " entries checked");
    }
  }

  private static double lossAt(NDManager manager, DeepImagePrior.Problem problem, NDArray parameter,
      double[] values, int k, double delta) {
    double[] moved = values.clone();
    moved[k] += delta;
    parameter.set(moved);
    try (NDManager scope = manager.newSubManager()) {
      return problem.loss(scope, false).getDouble();
    }
  }
}
