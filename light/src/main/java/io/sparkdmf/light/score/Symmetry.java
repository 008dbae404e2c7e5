package io.sparkdmf.light.score;

import io.sparkdmf.light.scene.FrameShape;
import java.util.ArrayList;
import java.util.List;

/**
 * The global symmetries blind light transport cannot tell apart, as permutations of the hidden pixels:
 * the identity and the mirror image of a 1-D frame; the 8 flips and rotations of a square 2-D frame
 * (the 4 flips of a non-square one).
 */
final class Symmetry {
  private Symmetry() {}

  /** Each symmetry as a map from a hidden pixel to its image. */
  static List<int[]> of(FrameShape shape) {
    int h = shape.height();
    int w = shape.width();
    List<int[]> maps = new ArrayList<>();
    boolean square = h == w;
    for (int transpose = 0; transpose < (square ? 2 : 1); transpose++) {
      for (int flipRows = 0; flipRows < (h > 1 ? 2 : 1); flipRows++) {
        for (int flipCols = 0; flipCols < (w > 1 ? 2 : 1); flipCols++) {
          int[] map = new int[h * w];
          for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
              int rr = flipRows == 1 ? h - 1 - r : r;
              int cc = flipCols == 1 ? w - 1 - c : c;
              map[r * w + c] = transpose == 1 ? cc * w + rr : rr * w + cc;
            }
          }
          maps.add(map);
        }
      }
    }
    return maps;
  }
}
