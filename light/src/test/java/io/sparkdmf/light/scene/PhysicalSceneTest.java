package io.sparkdmf.light.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.linalg.Matrix;
import org.junit.jupiter.api.Test;

class PhysicalSceneTest {
  private static final FrameShape HIDDEN = new FrameShape(16, 16);
  private static final FrameShape WALL = new FrameShape(12, 12);

  /** Unblocked entries follow cos^2 / d^2 with cos = D / d between parallel planes, computed by hand. */
  @Test
  void unblockedEntriesFollowTheInverseSquareAndCosineLaw() {
    Matrix t = PhysicalScene.transport(HIDDEN, WALL);
    int checked = 0;
    for (int p = 0; p < WALL.pixels(); p++) {
      for (int h = 0; h < HIDDEN.pixels(); h++) {
        double py = (p % 12 + 0.5) / 12 - 0.5;
        double pz = (p / 12 + 0.5) / 12 - 0.5;
        double hy = (h % 16 + 0.5) / 16 - 0.5;
        double hz = (h / 16 + 0.5) / 16 - 0.5;
        if (PhysicalScene.occluded(hy, hz, py, pz)) {
          assertEquals(0, t.get(p, h), "blocked light");
          continue;
        }
        double d2 = 1 + (py - hy) * (py - hy) + (pz - hz) * (pz - hz);
        assertEquals(1 / (d2 * d2), t.get(p, h), 1e-15);
        checked++;
      }
    }
    assertTrue(checked > 0 && checked < WALL.pixels() * HIDDEN.pixels(), "some light passes, some is blocked");
  }

  /** The occluder casts shadows: some wall pixels see only part of the hidden screen. */
  @Test
  void theOccluderMakesTheTransportNonSmooth() {
    Matrix t = PhysicalScene.transport(HIDDEN, WALL);
    int partlyShadowed = 0;
    for (int p = 0; p < WALL.pixels(); p++) {
      int blocked = 0;
      for (int h = 0; h < HIDDEN.pixels(); h++) {
        blocked += t.get(p, h) == 0 ? 1 : 0;
      }
      partlyShadowed += blocked > 0 && blocked < HIDDEN.pixels() ? 1 : 0;
    }
    assertTrue(partlyShadowed > WALL.pixels() / 4, partlyShadowed + " partly shadowed wall pixels");
  }

  @Test
  void theVideoIsNonNegativeAndTheObservationIsTheProductPlusSmallNoise() {
    LightScene scene = PhysicalScene.generate(HIDDEN, WALL, 20, 7);
    for (double v : scene.hidden().data()) {
      assertTrue(v > 0 && v <= 1.05 + 1e-12);
    }
    Matrix clean = scene.transport().times(scene.hidden());
    double relative = Math.sqrt(scene.observed().minus(clean).frobeniusNormSquared() / clean.frobeniusNormSquared());
    assertTrue(relative > 0 && relative < 0.02, "noise " + relative);
  }
}
