package io.sparkdmf.light.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.light.scene.FrameShape;
import io.sparkdmf.light.scene.LightScene;
import io.sparkdmf.light.scene.PhysicalScene;
import io.sparkdmf.light.scene.ToyScene;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecoveryScoresTest {

  @Test
  void theTruthScoresOneAndFitsExactly() {
    LightScene scene = ToyScene.generate(16, 40, 1);
    RecoveryScores scores = RecoveryScores.of(scene.transport(), scene.hidden(), scene.observed(), scene.transport(),
        scene.hidden(), scene.hiddenShape());
    assertEquals(1, scores.hidden(), 1e-12);
    assertEquals(1, scores.transport(), 1e-12);
    assertEquals(1, scores.registeredHidden(), 1e-12);
    assertEquals(1, scores.frameCorrelation(), 1e-12);
    assertEquals(0, scores.fit(), 1e-12);
  }

  /** A positive gain and offset per hidden pixel, and the mirror image, are what no method can know. */
  @Test
  void aMirroredTruthWithGainsAndOffsetsScoresOne() {
    LightScene scene = ToyScene.generate(16, 40, 2);
    int n = scene.hidden().rows();
    Matrix hidden = Matrix.zeros(n, scene.frames());
    Matrix transport = Matrix.zeros(scene.transport().rows(), n);
    for (int h = 0; h < n; h++) {
      double gain = 0.5 + h;
      for (int f = 0; f < scene.frames(); f++) {
        hidden.set(n - 1 - h, f, gain * scene.hidden().get(h, f) + 3);
      }
      for (int p = 0; p < transport.rows(); p++) {
        transport.set(p, n - 1 - h, scene.transport().get(p, h) / gain);
      }
    }
    RecoveryScores scores = RecoveryScores.of(scene.transport(), scene.hidden(), scene.observed(), transport, hidden,
        scene.hiddenShape());
    assertEquals(1, scores.hidden(), 1e-12);
    assertEquals(1, scores.transport(), 1e-12);
    assertEquals(1, scores.registeredHidden(), 1e-12);
  }

  /** A rotated 2-D hidden video is one of the 8 symmetries the registered score undoes. */
  @Test
  void aRotatedTwoDimensionalVideoRegistersPerfectly() {
    FrameShape shape = new FrameShape(6, 6);
    LightScene scene = PhysicalScene.generate(shape, new FrameShape(8, 8), 30, 3);
    Matrix rotated = Matrix.zeros(36, 30);
    for (int r = 0; r < 6; r++) {
      for (int c = 0; c < 6; c++) {
        for (int f = 0; f < 30; f++) {
          rotated.set(c * 6 + (5 - r), f, scene.hidden().get(r * 6 + c, f)); // 90 degrees
        }
      }
    }
    assertEquals(1, RecoveryScores.registered(scene.hidden(), rotated, shape)[0], 1e-12);
  }

  /** Shuffled rows keep the matched score (it allows any order) but lose the registered one. */
  @Test
  void aShuffledVideoScoresLowWhenRegistered() {
    LightScene scene = ToyScene.generate(32, 60, 4);
    List<Integer> order = new ArrayList<>();
    for (int h = 0; h < 32; h++) {
      order.add(h);
    }
    Collections.shuffle(order, new Random(5));
    Matrix shuffled = Matrix.zeros(32, 60);
    for (int h = 0; h < 32; h++) {
      for (int f = 0; f < 60; f++) {
        shuffled.set(order.get(h), f, scene.hidden().get(h, f));
      }
    }
    assertEquals(1, RecoveryScores.matched(scene.hidden().transpose(), shuffled.transpose()), 1e-12);
    double registered = RecoveryScores.registered(scene.hidden(), shuffled, scene.hiddenShape())[0];
    assertTrue(registered < 0.4, "registered score of a shuffled video: " + registered);
  }

  @Test
  void correlationAndFitMatchHandWorkedValues() {
    Matrix a = new Matrix(3, 1, new double[] {1, 2, 3});
    Matrix b = new Matrix(3, 1, new double[] {2, 4, 7});
    // centred: (-1, 0, 1) and (-7/3, -1/3, 8/3): r = 5 / sqrt(2 * 14/3 * ... )
    double sxy = 1 * 7.0 / 3 + 8.0 / 3;
    double sxx = 2;
    double syy = (49.0 + 1 + 64) / 9;
    assertEquals(sxy / Math.sqrt(sxx * syy), RecoveryScores.correlation(a, 0, b, 0), 1e-12);
    assertEquals(0, RecoveryScores.correlation(a, 0, new Matrix(3, 1, new double[] {5, 5, 5}), 0));
    Matrix z = new Matrix(1, 2, new double[] {3, 4});
    Matrix t = new Matrix(1, 1, new double[] {1});
    Matrix l = new Matrix(1, 2, new double[] {3, 0});
    assertEquals(4.0 / 5, RecoveryScores.fit(z, t, l), 1e-12);
  }
}
