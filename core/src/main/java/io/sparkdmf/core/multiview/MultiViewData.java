package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Views of the same samples, each samples x features as read (row i of every view is sample i), with
 * optional ground-truth labels. The constructor checks what the model needs and names the view and
 * feature when something is wrong (a {@link BadViewException} when one view is at fault).
 */
public record MultiViewData(List<String> names, List<Matrix> views, int[] labels) {

  public MultiViewData {
    if (views.isEmpty()) {
      throw new IllegalArgumentException("no views given");
    }
    if (names.size() != views.size()) {
      throw new IllegalArgumentException(names.size() + " names for " + views.size() + " views");
    }
    int n = views.get(0).rows();
    for (int v = 0; v < views.size(); v++) {
      Matrix view = views.get(v);
      String name = names.get(v);
      if (view.rows() != n) {
        throw new BadViewException(v, "view '" + name + "' has " + view.rows() + " samples but view '"
            + names.get(0) + "' has " + n);
      }
      for (int j = 0; j < view.cols(); j++) {
        double first = view.get(0, j);
        boolean constant = true;
        for (int i = 0; i < n; i++) {
          double value = view.get(i, j);
          if (!Double.isFinite(value)) {
            throw new BadViewException(v, "view '" + name + "', sample " + (i + 1) + ", feature " + (j + 1)
                + ": value " + value + " is not finite");
          }
          constant &= value == first;
        }
        if (constant) {
          throw new BadViewException(v, "view '" + name + "', feature " + (j + 1) + " is constant ("
              + first + " for every sample): it carries no information; remove it");
        }
      }
    }
    if (labels != null && labels.length != n) {
      throw new IllegalArgumentException(labels.length + " labels for " + n + " samples");
    }
  }

  public int samples() {
    return views.get(0).rows();
  }

  public int[] featureCounts() {
    return views.stream().mapToInt(Matrix::cols).toArray();
  }

  /** Every view normalised the same way. */
  public MultiViewData normalised(ViewNormalisation normalisation) {
    return new MultiViewData(names, views.stream().map(normalisation::apply).toList(), labels);
  }

  /** One view holding every view's features side by side (early fusion, and the k-means baseline). */
  public MultiViewData concatenated() {
    int n = samples();
    int d = views.stream().mapToInt(Matrix::cols).sum();
    Matrix all = Matrix.zeros(n, d);
    int at = 0;
    for (Matrix view : views) {
      System.arraycopy(view.data(), 0, all.data(), at * n, view.data().length);
      at += view.cols();
    }
    return new MultiViewData(List.of(String.join("+", names)), List.of(all), labels);
  }

  public MultiViewData view(int v) {
    return new MultiViewData(List.of(names.get(v)), List.of(views.get(v)), labels);
  }

  /** Every view's {@link NeighbourGraph}. */
  public List<int[][]> neighbourGraphs(int neighbours) {
    return views.stream().map(view -> NeighbourGraph.of(view, neighbours)).toList();
  }

  /** The samples cut into {@code count} contiguous blocks, features x samples per view. */
  public List<SampleBlock> blocks(int count) {
    return blocks(count, null);
  }

  /**
   * As {@link #blocks(int)}, each block also holding its samples' neighbour lists from one
   * {@link NeighbourGraph} per view (null: no graph).
   */
  public List<SampleBlock> blocks(int count, List<int[][]> graphs) {
    int n = samples();
    int parts = Math.max(1, Math.min(count, n));
    List<SampleBlock> out = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      int from = (int) ((long) n * p / parts);
      int to = (int) ((long) n * (p + 1) / parts);
      Matrix[] x = new Matrix[views.size()];
      for (int v = 0; v < x.length; v++) {
        Matrix view = views.get(v);
        x[v] = Matrix.zeros(view.cols(), to - from);
        for (int s = from; s < to; s++) {
          for (int j = 0; j < view.cols(); j++) {
            x[v].set(j, s - from, view.get(s, j));
          }
        }
      }
      int[][][] neighbours = null;
      if (graphs != null) {
        neighbours = new int[views.size()][][];
        for (int v = 0; v < neighbours.length; v++) {
          neighbours[v] = Arrays.copyOfRange(graphs.get(v), from, to);
        }
      }
      out.add(new SampleBlock(from, x, null, null, null, neighbours));
    }
    return out;
  }
}
