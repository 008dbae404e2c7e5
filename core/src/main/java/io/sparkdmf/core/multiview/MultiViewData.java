package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.DataMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Views of the same samples, each samples x features as read (row i of every view is sample i), dense
 * or sparse, with
 * optional ground-truth labels. The constructor checks what the model needs and names the view and
 * feature when something is wrong (a {@link BadViewException} when one view is at fault).
 */
public record MultiViewData(List<String> names, List<DataMatrix> views, int[] labels) {

  public MultiViewData {
    if (views.isEmpty()) {
      throw new IllegalArgumentException("no views given");
    }
    if (names.size() != views.size()) {
      throw new IllegalArgumentException(names.size() + " names for " + views.size() + " views");
    }
    int n = views.get(0).rows();
    for (int v = 0; v < views.size(); v++) {
      DataMatrix view = views.get(v);
      String name = names.get(v);
      if (view.rows() != n) {
        throw new BadViewException(v, "view '" + name + "' has " + view.rows() + " samples but view '"
            + names.get(0) + "' has " + n);
      }
      int index = v;
      view.forEachStored((i, j, value) -> {
        if (!Double.isFinite(value)) {
          throw new BadViewException(index, "view '" + name + "', sample " + (i + 1) + ", feature " + (j + 1)
              + ": value " + value + " is not finite");
        }
      });
    }
    if (labels != null && labels.length != n) {
      throw new IllegalArgumentException(labels.length + " labels for " + n + " samples");
    }
  }

  public int samples() {
    return views.get(0).rows();
  }

  public int[] featureCounts() {
    return views.stream().mapToInt(DataMatrix::cols).toArray();
  }

  /** The features of one view that are constant over the samples, and so were dropped. */
  public record DroppedFeatures(String view, int[] features) {

    /** One line for the log: how many, and the first few (1-based). */
    public String summary() {
      int shown = Math.min(features.length, 5);
      StringBuilder first = new StringBuilder();
      for (int k = 0; k < shown; k++) {
        first.append(k == 0 ? "" : ", ").append(features[k] + 1);
      }
      return "view '" + view + "': dropped " + features.length + " constant feature" + (features.length == 1 ? "" : "s")
          + " (" + first + (features.length > shown ? ", ..." : "") + "): they carry no information";
    }
  }

  /**
   * The data without the constant features of each view, what was dropped, and for each view the
   * original (0-based) index of every feature kept.
   */
  public record Varying(MultiViewData data, List<DroppedFeatures> dropped, int[][] kept) {}

  /**
   * Drops every feature that has the same value for all samples (zero columns are common in word
   * counts): it carries no information and would divide by zero in z-scoring. A view with no varying
   * feature at all is a {@link BadViewException}.
   */
  public Varying withoutConstantFeatures() {
    int n = samples();
    List<DataMatrix> kept = new ArrayList<>();
    List<DroppedFeatures> dropped = new ArrayList<>();
    int[][] keptIndices = new int[views.size()][];
    for (int v = 0; v < views.size(); v++) {
      DataMatrix view = views.get(v);
      List<Integer> varying = new ArrayList<>();
      List<Integer> constant = new ArrayList<>();
      for (int j = 0; j < view.cols(); j++) {
        (view.isConstantColumn(j) ? constant : varying).add(j);
      }
      keptIndices[v] = varying.stream().mapToInt(Integer::intValue).toArray();
      if (varying.isEmpty()) {
        throw new BadViewException(v, "view '" + names.get(v) + "': every one of its " + view.cols()
            + " features is constant over the samples; it carries no information");
      }
      if (constant.isEmpty()) {
        kept.add(view);
        continue;
      }
      kept.add(view.selectColumns(keptIndices[v]));
      dropped.add(new DroppedFeatures(names.get(v), constant.stream().mapToInt(Integer::intValue).toArray()));
    }
    return new Varying(new MultiViewData(names, kept, labels), dropped, keptIndices);
  }

  /** Every view normalised the same way. */
  public MultiViewData normalised(ViewNormalisation normalisation) {
    return new MultiViewData(names, views.stream().map(normalisation::apply).toList(), labels);
  }

  /** One view holding every view's features side by side (early fusion, and the k-means baseline). */
  public MultiViewData concatenated() {
    return new MultiViewData(List.of(String.join("+", names)), List.of(DataMatrix.sideBySide(views)), labels);
  }

  public MultiViewData view(int v) {
    return new MultiViewData(List.of(names.get(v)), List.of(views.get(v)), labels);
  }

  /** Every view's {@link NeighbourGraph}, the views on parallel threads (each graph is built by one). */
  public List<int[][]> neighbourGraphs(int neighbours) {
    return views.parallelStream().map(view -> NeighbourGraph.of(view, neighbours)).toList();
  }

  /**
   * The samples cut into {@code count} contiguous blocks, features x samples per view, each view stored
   * the cheaper way ({@link DataMatrix#compact}: sparse text views stay sparse).
   */
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
    List<DataMatrix> byColumns = views.stream().map(view -> view.transpose().compact()).toList();
    List<SampleBlock> out = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      int from = (int) ((long) n * p / parts);
      int to = (int) ((long) n * (p + 1) / parts);
      DataMatrix[] x = new DataMatrix[views.size()];
      for (int v = 0; v < x.length; v++) {
        x[v] = byColumns.get(v).columns(from, to);
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
