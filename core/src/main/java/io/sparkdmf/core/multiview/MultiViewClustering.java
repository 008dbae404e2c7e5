package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.DataMatrix;
import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.linalg.Rounding;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multi-view clustering by per-view deep semi-NMF with adaptive feature weights and late fusion
 * (docs/maths.md §5), over {@link SampleBlocks}: every pass over the samples either sums small
 * matrices (X_p H_p^T, H_p H_p^T, Gram matrices) or updates a block's own columns of H; the factors Z,
 * the weights, p and the fusion rotations are computed on the driver from those sums.
 *
 * <p>Each view has two layers, X_v ~ Z_1 Z_2 H with H k x n (the view's local partition). The
 * objective of a view is sum_j (d_v w_j)^p D_j (the weights taken relative to uniform, so its scale
 * does not swing with p) plus, with a graph weight, lambda_v tr(H L_v H^T) over the view's
 * {@link NeighbourGraph}; lambda_v is the graph weight times the fit's mean curvature in H at the first
 * iteration, then fixed. The outer iteration: every view's H gathered (graph term only), sums at the
 * current H, the scale gauge (unit RMS rows of H), feature weights by their closed form, the objective,
 * the controller's p, every Z by weighted least squares in turn, then one multiplicative update of H.
 * With p fixed each step minimises or does not increase the objective, up to the rounding bound
 * carried with it (tested); a run stops at the relative tolerance or once the objective changes by no
 * more than that bound ({@link FeatureResiduals}, docs/numerics.md). Late fusion runs once
 * the views have converged: nothing in the factorization depends on the consensus, so fusing inside
 * the loop would give the same result. The consensus rows are scaled to unit length before k-means.
 *
 * <p>The graph term reads every view's whole H (k x n) in each block: fine to millions of samples
 * (80 bytes a sample a view for k = 10), beyond that the neighbours' columns should be routed to the
 * blocks that need them, as the blocked completion engine routes factor rows.
 */
public final class MultiViewClustering {
  private static final Logger LOG = LoggerFactory.getLogger(MultiViewClustering.class);
  private static final int FUSION_ITERATIONS = 100;
  private static final double FUSION_TOLERANCE = 1e-12;

  private final ClusteringSettings settings;

  public MultiViewClustering(ClusteringSettings settings) {
    this.settings = settings;
  }

  public ClusteringResult fit(SampleBlocks blocks, int[] features) {
    int views = features.length;
    int k = settings.clusters();
    int[][] layers = new int[views][];
    for (int v = 0; v < views; v++) {
      layers[v] = new int[] {settings.hiddenSize(features[v]), k};
    }
    Matrix[] featureNorms = blocks.aggregate(b -> {
      Matrix[] out = new Matrix[b.views()];
      for (int v = 0; v < out.length; v++) {
        out[v] = b.x()[v].rowSquaredNorms();
      }
      return out;
    }, SmallMatrices::add);
    List<List<Matrix>> z = pretrain(blocks, layers, new Progress());

    boolean graph = settings.graphWeight() > 0;
    double[] meanDegree = graph ? meanDegrees(blocks, views) : null;
    double[] graphWeights = new double[views];

    ExponentController law = settings.exponent();
    ExponentController.State control = new ExponentController.State();
    double p = law.initial();
    List<Double> objective = new ArrayList<>();
    List<Double> objectiveRounding = new ArrayList<>();
    List<Double> exponents = new ArrayList<>();
    double[][] weights = new double[views][];
    double previous = Double.NaN;
    double previousRounding = Double.NaN;
    double previousResidual = Double.NaN;
    boolean converged = false;
    int iterations = 0;
    Progress progress = new Progress();
    ViewSums[] sums = null; // per view at the current H
    for (int t = 0; t < settings.maxIterations(); t++) {
      Matrix[] allH = graph ? gatherH(blocks, views) : null;
      sums = blocks.aggregate(b -> ViewSums.of(b, b.x(), allH), ViewSums::addAll);
      double[][] rowScale = new double[views][];
      if (graph) {
        for (int v = 0; v < views; v++) {
          rowScale[v] = gauge(z.get(v), sums[v], blocks.samples(), allH[v]);
        }
      }
      double total = 0;
      double totalRounding = 0;
      double normalised = 0;
      double normalisedRounding = 0;
      double residualTotal = 0; // unweighted: what the controller watches, the same quantity at any p
      double[][] rowScales = new double[views][];
      for (int v = 0; v < views; v++) {
        Matrix c = sums[v].cross();
        Matrix g = sums[v].gram();
        Matrix psi = product(z.get(v));
        FeatureResiduals fit = FeatureResiduals.of(featureNorms[v], psi, c, g, blocks.samples());
        double[] residual = fit.energy();
        residualTotal += Arrays.stream(residual).sum();
        weights[v] = settings.adaptiveWeights() ? FeatureWeights.optimal(fit, p, settings.weightCap())
            : FeatureWeights.uniform(features[v]);
        rowScales[v] = new double[features[v]];
        double scaleSum = 0;
        double viewTotal = 0;
        double viewRounding = 0;
        for (int j = 0; j < features[v]; j++) {
          rowScales[v][j] = settings.adaptiveWeights() ? Math.pow(features[v] * weights[v][j], p) : 1;
          viewTotal += rowScales[v][j] * residual[j];
          viewRounding += rowScales[v][j] * fit.rounding()[j];
          scaleSum += rowScales[v][j];
        }
        if (graph && t == 0) {
          // lambda against the mean curvature of the weighted fit in H at the start; then fixed, so
          // the objective is one function for the whole run
          Matrix curvature = psi.transposeTimes(psi.scaleRows(rowScales[v]));
          graphWeights[v] = settings.graphWeight() * SmallMatrices.trace(curvature) / curvature.rows()
              / meanDegree[v];
        }
        if (graph) {
          viewTotal += graphWeights[v] * GraphTerm.value(sums[v].graphEnergy());
          viewRounding += graphWeights[v] * GraphTerm.rounding(sums[v].graphEnergy(), blocks.samples());
        }
        // the weighted sum over the features adds its own rounding, relative to its (positive) terms
        viewRounding += Rounding.gamma(features[v] + 2L) * viewTotal;
        total += viewTotal;
        totalRounding += viewRounding;
        normalised += viewTotal / scaleSum;
        normalisedRounding += viewRounding / scaleSum;
      }
      objective.add(total);
      objectiveRounding.add(totalRounding);
      exponents.add(p);
      iterations = t + 1;
      progress.report("outer iteration", t, settings.maxIterations(), String.format(Locale.ROOT,
          "objective %.6g, p %.3g, ", total, p));
      double change = Math.abs(previous - normalised);
      // converged when the change is small, or no larger than what rounding alone can make of it: past
      // that point further iterations only move the last bits, differently on every BLAS
      if (t > 0 && (change < settings.tolerance() * previous || change <= previousRounding + normalisedRounding)) {
        converged = true;
        break;
      }
      double nextP = t > 0 ? control.next(law, Math.abs(previousResidual - residualTotal) / previousResidual) : p;
      previous = normalised;
      previousRounding = normalisedRounding;
      previousResidual = residualTotal;
      Matrix[] shippedA = new Matrix[views];
      Matrix[] shippedB = new Matrix[views];
      for (int v = 0; v < views; v++) {
        updateFactors(z.get(v), sums[v].cross(), sums[v].gram(), rowScales[v]);
        Matrix psi = product(z.get(v));
        Matrix scaledPsi = psi.scaleRows(rowScales[v]);
        shippedA[v] = scaledPsi.transpose();
        shippedB[v] = psi.transposeTimes(scaledPsi);
      }
      blocks.update(b -> {
        Matrix[] h = new Matrix[b.views()];
        for (int v = 0; v < h.length; v++) {
          Matrix a = b.x()[v].leftTimes(shippedA[v]);
          if (graph) {
            SampleBlock gauged = b.withH(scaleRows(b.h(), v, rowScale[v]));
            h[v] = SemiNmfUpdate.apply(gauged.h()[v], a, shippedB[v],
                GraphTerm.pull(gauged, v, allH[v], graphWeights[v]), GraphTerm.push(gauged, v, graphWeights[v]));
          } else {
            h[v] = SemiNmfUpdate.apply(b.h()[v], a, shippedB[v]);
          }
        }
        return b.withH(h);
      });
      p = nextP;
    }
    // a converged run stopped before updating H, so its last sums are still those of the final H
    // (unless the gauge rescaled them: the blocks' H gets that only with the next update)
    ViewSums[] atFinalH = converged && !graph ? sums : blocks.aggregate(b -> ViewSums.of(b, b.x(), null), ViewSums::addAll);
    double[] viewWeights = fuse(blocks, atFinalH, views);
    // unit-length consensus rows before k-means, as in spectral clustering: a sample's direction in
    // the partition space says where it belongs, its length mostly how strongly it was expressed
    blocks.update(b -> b.withConsensus(unitColumns(b.consensus())));
    int[] assignment = new KMeans(k, settings.restarts(), settings.seed()).cluster(blocks, SampleBlock::consensus);
    return new ClusteringResult(assignment, weights, viewWeights,
        objective.stream().mapToDouble(Double::doubleValue).toArray(),
        objectiveRounding.stream().mapToDouble(Double::doubleValue).toArray(),
        exponents.stream().mapToDouble(Double::doubleValue).toArray(), iterations, converged);
  }

  /**
   * Fixes the scale left free by X ~ Psi H (Psi D, D^-1 H fit alike) to unit root-mean-square rows
   * of H: without it the graph term, which sees only H, shrinks H row by row while Psi grows to
   * compensate. Rescales the last Z, the view's sums (graph energy included) and the gathered H in place
   * and returns the factors 1/c_r by which every block's H rows are to be multiplied.
   */
  private static double[] gauge(List<Matrix> z, ViewSums sums, int samples, Matrix allH) {
    Matrix g = sums.gram();
    Matrix cross = sums.cross();
    int k = g.rows();
    double[] inverse = new double[k];
    for (int r = 0; r < k; r++) {
      double c = Math.sqrt(g.get(r, r) / samples);
      inverse[r] = c > 0 ? 1 / c : 1;
    }
    Matrix last = z.get(z.size() - 1);
    for (int r = 0; r < k; r++) {
      double c = 1 / inverse[r];
      for (int i = 0; i < last.rows(); i++) {
        last.set(i, r, last.get(i, r) * c);
      }
      for (int i = 0; i < cross.rows(); i++) {
        cross.set(i, r, cross.get(i, r) * inverse[r]);
      }
      for (int q = 0; q < k; q++) {
        g.set(q, r, g.get(q, r) * inverse[q] * inverse[r]);
      }
    }
    GraphTerm.rescale(sums.graphEnergy(), inverse);
    double[] data = allH.data();
    for (int e = 0; e < data.length; e++) {
      data[e] *= inverse[e % k];
    }
    return inverse;
  }

  /** A copy of the block's coefficients with view v's rows multiplied by {@code factors}. */
  private static Matrix[] scaleRows(Matrix[] h, int v, double[] factors) {
    Matrix[] out = h.clone();
    out[v] = h[v].scaleRows(factors);
    return out;
  }

  /** Every view's H (k x n), assembled from the blocks in sample order: what the graph term reads. */
  private static Matrix[] gatherH(SampleBlocks blocks, int views) {
    List<Matrix[]> parts = blocks.collect(SampleBlock::h);
    Matrix[] out = new Matrix[views];
    for (int v = 0; v < views; v++) {
      int rows = parts.get(0)[v].rows();
      double[] data = new double[rows * blocks.samples()];
      int at = 0;
      for (Matrix[] part : parts) {
        System.arraycopy(part[v].data(), 0, data, at, part[v].data().length);
        at += part[v].data().length;
      }
      out[v] = new Matrix(rows, blocks.samples(), data);
    }
    return out;
  }

  /** Each view's mean neighbour count; fails when the blocks were built without graphs. */
  private static double[] meanDegrees(SampleBlocks blocks, int views) {
    Matrix[] degrees = blocks.aggregate(b -> {
      if (b.neighbours() == null) {
        throw new IllegalArgumentException("the graph weight is positive but the sample blocks carry no "
            + "neighbour graphs: build them with MultiViewData.blocks(count, neighbourGraphs(...))");
      }
      Matrix[] out = new Matrix[views];
      for (int v = 0; v < views; v++) {
        long sum = 0;
        for (int[] list : b.neighbours()[v]) {
          sum += list.length;
        }
        out[v] = new Matrix(1, 1, new double[] {sum});
      }
      return out;
    }, SmallMatrices::add);
    double[] out = new double[views];
    for (int v = 0; v < views; v++) {
      out[v] = degrees[v].get(0, 0) / blocks.samples();
    }
    return out;
  }

  /** The columns scaled to unit length (zero columns stay zero). */
  private static Matrix unitColumns(Matrix m) {
    Matrix out = m.copy();
    for (int s = 0; s < m.cols(); s++) {
      double norm = 0;
      for (int r = 0; r < m.rows(); r++) {
        norm += m.get(r, s) * m.get(r, s);
      }
      if (norm > 0) {
        double inverse = 1 / Math.sqrt(norm);
        for (int r = 0; r < m.rows(); r++) {
          out.data()[s * m.rows() + r] *= inverse;
        }
      }
    }
    return out;
  }

  /**
   * Layer-wise semi-NMF from an SVD-based start: layer 1 fits X ~ Z_1 H_1, layer 2 fits H_1 ~ Z_2 H_2.
   * The start takes H = |U_l^T Y| with U_l the top-l left singular vectors of the layer's input Y
   * (from the l x l Gram Y Y^T, a sum over blocks); rows beyond rank(Y) start at seeded random values.
   */
  private List<List<Matrix>> pretrain(SampleBlocks blocks, int[][] layers, Progress progress) {
    int views = layers.length;
    List<List<Matrix>> z = new ArrayList<>();
    for (int v = 0; v < views; v++) {
      z.add(new ArrayList<>());
    }
    for (int layer = 0; layer < 2; layer++) {
      boolean first = layer == 0;
      Matrix[] grams = blocks.aggregate(b -> {
        Matrix[] out = new Matrix[b.views()];
        for (int v = 0; v < out.length; v++) {
          DataMatrix y = first ? b.x()[v] : b.h()[v];
          out[v] = y.rows() <= EXACT_GRAM_FEATURES ? y.gram() : Matrix.zeros(1, 1);
        }
        return out;
      }, SmallMatrices::add);
      long seed = settings.seed() * 1_000_003L + layer;
      Projection[] projections = new Projection[views];
      for (int v = 0; v < views; v++) {
        int d = grams[v].rows() > 1 ? grams[v].rows() : layerInput(blocks, v, first);
        projections[v] = d <= EXACT_GRAM_FEATURES
            ? Projection.top(grams[v], layers[v][layer], blocks.samples())
            : Projection.subspace(blocks, v, first, d, layers[v][layer], seed * 31 + v);
      }
      int layerIndex = layer;
      blocks.update(b -> {
        DataMatrix[] input = new DataMatrix[b.views()];
        Matrix[] h = new Matrix[b.views()];
        for (int v = 0; v < input.length; v++) {
          input[v] = first ? b.x()[v] : b.h()[v];
          h[v] = projections[v].start(layers[v][layerIndex], input[v], b.first(), seed * 31 + v);
        }
        return b.withLayer(input, h);
      });
      Matrix[] factor = new Matrix[views];
      for (int it = 0; it < settings.pretrainIterations(); it++) {
        progress.report("pretraining layer " + (layer + 1) + ", iteration", it, settings.pretrainIterations(), "");
        ViewSums[] sums = blocks.aggregate(b -> ViewSums.of(b, b.input(), null), ViewSums::addAll);
        Matrix[] shippedA = new Matrix[views];
        Matrix[] shippedB = new Matrix[views];
        for (int v = 0; v < views; v++) {
          factor[v] = sums[v].cross().times(SmallMatrices.pseudoInverse(sums[v].gram()));
          shippedA[v] = factor[v].transpose();
          shippedB[v] = factor[v].transposeTimes(factor[v]);
        }
        blocks.update(b -> {
          Matrix[] h = new Matrix[b.views()];
          for (int v = 0; v < h.length; v++) {
            h[v] = SemiNmfUpdate.apply(b.h()[v], b.input()[v].leftTimes(shippedA[v]), shippedB[v]);
          }
          return b.withH(h);
        });
      }
      ViewSums[] finalSums = blocks.aggregate(b -> ViewSums.of(b, b.input(), null), ViewSums::addAll);
      for (int v = 0; v < views; v++) {
        z.get(v).add(finalSums[v].cross().times(SmallMatrices.pseudoInverse(finalSums[v].gram())));
      }
    }
    blocks.update(b -> b.withLayer(null, b.h()));
    return z;
  }

  /**
   * The top eigenvectors of a layer input's Gram Y Y^T as rows (fewer if it is smaller), and the
   * root-mean-square size of the projected values, sqrt(sum of their eigenvalues / (rows x n)): the
   * same for every block, so the start does not depend on how the samples are split (with samples in
   * class order, a per-block scale would leak the classes into the start).
   */
  /** Rows of a layer input of view v: its features (first layer) or the previous layer's size. */
  static int layerInput(SampleBlocks blocks, int v, boolean first) {
    return blocks.aggregate(b -> first ? b.x()[v].rows() : b.h()[v].rows(), Math::max);
  }

  /**
   * Up to this many features the start eigen-decomposes the exact d x d Gram of a view; above, it finds the
   * top eigenvectors by subspace iteration, never forming a d x d matrix (text views have 10^4-10^5 words).
   */
  static final int EXACT_GRAM_FEATURES = 2000;
  /** Subspace iteration: columns beyond the wanted ones, and passes over the data. */
  private static final int OVERSAMPLING = 10;
  private static final int SUBSPACE_PASSES = 6;

  record Projection(Matrix rowsT, double randomScale) implements Serializable {

    /**
     * The same as {@link #top} without the Gram: Q = orth(Y Y^T Q) from a seeded Gaussian start for
     * {@link #SUBSPACE_PASSES} passes (each a sum over blocks of y (y^T Q)), then the eigenvectors of
     * the small Q^T Y Y^T Q. Randomized range finding with power iterations (Halko, Martinsson and Tropp
     * 2011): the top eigenvectors to within a factor that shrinks with each pass as the eigenvalues' gap.
     */
    static Projection subspace(SampleBlocks blocks, int v, boolean first, int d, int count, long seed) {
      int width = Math.min(d, count + OVERSAMPLING);
      Matrix q = orthonormal(Matrix.gaussian(d, width, 1, new java.util.Random(seed)));
      for (int pass = 0; pass < SUBSPACE_PASSES; pass++) {
        Matrix basis = q;
        q = orthonormal(blocks.aggregate(b -> {
          DataMatrix y = first ? b.x()[v] : b.h()[v];
          return y.times(y.transposeTimes(basis));
        }, (a, b) -> {
          a.addScaled(1.0, b);
          return a;
        }));
      }
      Matrix basis = q;
      Matrix small = blocks.aggregate(b -> {
        DataMatrix y = first ? b.x()[v] : b.h()[v];
        Matrix projected = y.transposeTimes(basis);
        return projected.transposeTimes(projected);
      }, (a, b) -> {
        a.addScaled(1.0, b);
        return a;
      });
      Projection inSubspace = top(small, count, blocks.samples());
      return new Projection(inSubspace.rowsT().timesTranspose(basis), inSubspace.randomScale());
    }

    /** The columns of a tall matrix made orthonormal: A (A^T A)^{-1/2}. */
    private static Matrix orthonormal(Matrix a) {
      return a.times(SmallMatrices.inverseSqrt(a.transposeTimes(a)));
    }

    static Projection top(Matrix gram, int count, int samples) {
      Decompositions.SymmetricEigen eigen = Decompositions.symmetricEigen(gram);
      int n = gram.rows();
      int kept = Math.min(count, n);
      Matrix out = Matrix.zeros(kept, n);
      double energy = 0;
      for (int r = 0; r < kept; r++) {
        energy += Math.max(eigen.eigenvalues()[n - 1 - r], 0);
        for (int i = 0; i < n; i++) {
          out.set(r, i, eigen.eigenvectors().get(i, n - 1 - r));
        }
      }
      return new Projection(out, Math.sqrt(energy / ((double) kept * samples)));
    }

    /** |U^T y| for the rows U provides, seeded random values of the projection's size for the rest. */
    Matrix start(int rows, DataMatrix y, int firstSample, long seed) {
      Matrix projected = y.leftTimes(rowsT);
      int kept = projected.rows();
      Matrix h = Matrix.zeros(rows, y.cols());
      for (int s = 0; s < y.cols(); s++) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + firstSample + s);
        for (int r = 0; r < rows; r++) {
          h.set(r, s, r < kept ? Math.abs(projected.get(r, s)) : randomScale * random.nextDouble());
        }
      }
      return h;
    }
  }

  /** Z_1 ... Z_m. */
  private static Matrix product(List<Matrix> z) {
    Matrix out = z.get(0);
    for (int i = 1; i < z.size(); i++) {
      out = out.times(z.get(i));
    }
    return out;
  }

  /**
   * Each Z_i in turn by weighted least squares with the others fixed:
   * Z_i = (Psi^T S Psi)^+ Psi^T S C Phi^T (Phi G Phi^T)^+, Psi = Z_1..Z_{i-1}, Phi = Z_{i+1}..Z_m,
   * S = diag(w^p). For Z_1, Psi is the identity and (Psi^T S Psi)^+ Psi^T S = S^+ S is the diagonal
   * of 0s and 1s that keeps the features whose w^p passes the pseudo-inverse's cutoff, so Z_1 is C Phi^T
   * (Phi G Phi^T)^+ with the other rows zeroed: no d x d matrix is formed (cost O(d h^2), not O(d^3)).
   */
  private static void updateFactors(List<Matrix> z, Matrix c, Matrix g, double[] rowScales) {
    for (int i = 0; i < z.size(); i++) {
      Matrix phi = i == z.size() - 1 ? Matrix.identity(g.rows(), g.rows()) : product(z.subList(i + 1, z.size()));
      Matrix right = phi.transpose().times(SmallMatrices.pseudoInverse(phi.times(g).timesTranspose(phi)));
      if (i == 0) {
        z.set(0, SmallMatrices.keepRows(c.times(right), SmallMatrices.aboveCutoff(rowScales)));
      } else {
        Matrix psi = product(z.subList(0, i));
        Matrix scaledPsi = psi.scaleRows(rowScales);
        Matrix left = SmallMatrices.pseudoInverse(psi.transposeTimes(scaledPsi)).times(scaledPsi.transpose());
        z.set(i, left.times(c).times(right));
      }
    }
  }

  /**
   * Late fusion: Q_v = H_v^T (H_v H_v^T)^{-1/2} (orthonormal columns), then alternately
   * H* = polar(sum_v gamma_v Q_v R_v), R_v = polar(Q_v^T H*), gamma_v proportional to
   * tr(H*^T Q_v R_v), ||gamma|| = 1. The consensus columns are left in the blocks; returns gamma.
   */
  private double[] fuse(SampleBlocks blocks, ViewSums[] sums, int views) {
    Matrix[] whiten = new Matrix[views];
    Matrix[] rotations = new Matrix[views];
    double[] gamma = new double[views];
    for (int v = 0; v < views; v++) {
      whiten[v] = SmallMatrices.inverseSqrt(sums[v].gram());
      rotations[v] = Matrix.identity(settings.clusters(), settings.clusters());
      gamma[v] = 1 / Math.sqrt(views);
    }
    double previous = Double.NEGATIVE_INFINITY;
    for (int it = 0; it < FUSION_ITERATIONS; it++) {
      double[] g = gamma.clone();
      Matrix[] r = rotations.clone();
      Matrix gram = blocks.aggregate(b -> {
        Matrix m = mix(b, whiten, r, g);
        return m.timesTranspose(m);
      }, (a, b) -> {
        a.addScaled(1.0, b);
        return a;
      });
      Matrix normalise = SmallMatrices.inverseSqrt(gram);
      blocks.update(b -> b.withConsensus(normalise.times(mix(b, whiten, r, g))));
      Matrix[] overlaps = blocks.aggregate(b -> {
        Matrix[] out = new Matrix[b.views()];
        for (int v = 0; v < out.length; v++) {
          out[v] = whiten[v].times(b.h()[v]).timesTranspose(b.consensus());
        }
        return out;
      }, SmallMatrices::add);
      double norm = 0;
      double agreement = 0;
      for (int v = 0; v < views; v++) {
        rotations[v] = SmallMatrices.polar(overlaps[v]);
        double alignment = 0;
        for (int e = 0; e < overlaps[v].data().length; e++) {
          alignment += overlaps[v].data()[e] * rotations[v].data()[e]; // tr(R^T T) = tr(H*^T Q R)
        }
        gamma[v] = Math.max(alignment, 0);
        norm += gamma[v] * gamma[v];
        agreement += gamma[v] * alignment;
      }
      norm = Math.sqrt(norm);
      for (int v = 0; v < views; v++) {
        gamma[v] /= norm;
      }
      agreement /= norm;
      if (agreement - previous <= FUSION_TOLERANCE * Math.abs(agreement)) {
        break;
      }
      previous = agreement;
    }
    return gamma;
  }

  /** Columns of sum_v gamma_v (Q_v R_v)^T for this block: sum_v gamma_v R_v^T W_v H_v. */
  private static Matrix mix(SampleBlock b, Matrix[] whiten, Matrix[] rotations, double[] gamma) {
    Matrix out = null;
    for (int v = 0; v < b.views(); v++) {
      Matrix part = rotations[v].transposeTimes(whiten[v].times(b.h()[v]));
      part.scale(gamma[v]);
      if (out == null) {
        out = part;
      } else {
        out.addScaled(1.0, part);
      }
    }
    return out;
  }

  /** A log line at most every {@link #EVERY_SECONDS} seconds: a long run says where it is. */
  private static final class Progress {
    static final double EVERY_SECONDS = 5;
    private final long start = System.nanoTime();
    private long last = start;

    /** Logs "{@code stage} i/total: details, seconds" if the last line is old enough. */
    void report(String stage, int iteration, int total, String details) {
      long now = System.nanoTime();
      if ((now - last) / 1e9 >= EVERY_SECONDS) {
        last = now;
        LOG.info("{} {}/{}: {}{} s", stage, iteration + 1, total, details,
            String.format(Locale.ROOT, "%.1f", (now - start) / 1e9));
      }
    }
  }
}
