package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Multi-view clustering by per-view deep semi-NMF with adaptive feature weights and late fusion
 * (maths.md section 5), over {@link SampleBlocks}: every pass over the samples either sums small
 * matrices (X_p H_p^T, H_p H_p^T, Gram matrices) or updates a block's own columns of H; the factors Z,
 * the weights, p and the fusion rotations are computed on the driver from those sums.
 *
 * <p>Each view has two layers, X_v ~ Z_1 Z_2 H with H k x n (the view's local partition). The outer
 * iteration: sums at the current H, feature weights by their closed form, the objective, the
 * controller's p, every Z by weighted least squares in turn, then one multiplicative update of H.
 * With p fixed each of these steps minimises or does not increase sum_v sum_j w_vj^p D_vj, so the
 * objective never increases. Late fusion runs once the views have converged: nothing in the
 * factorization depends on the consensus, so fusing inside the loop would give the same result.
 */
public final class MultiViewClustering {
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
        out[v] = rowSquaredNorms(b.x()[v]);
      }
      return out;
    }, SmallMatrices::add);
    List<List<Matrix>> z = pretrain(blocks, layers);

    ExponentController law = settings.exponent();
    ExponentController.State control = new ExponentController.State();
    double p = law.initial();
    List<Double> objective = new ArrayList<>();
    List<Double> exponents = new ArrayList<>();
    double[][] weights = new double[views][];
    double previous = Double.NaN;
    boolean converged = false;
    int iterations = 0;
    Matrix[] sums = null; // X H^T and H H^T per view at the current H
    for (int t = 0; t < settings.maxIterations(); t++) {
      sums = blocks.aggregate(MultiViewClustering::coefficientSums, SmallMatrices::add);
      double total = 0;
      double normalised = 0;
      double[][] rowScales = new double[views][];
      for (int v = 0; v < views; v++) {
        Matrix c = sums[2 * v];
        Matrix g = sums[2 * v + 1];
        double[] residual = residualEnergy(featureNorms[v], product(z.get(v)), c, g);
        weights[v] = settings.adaptiveWeights() ? FeatureWeights.optimal(residual, p)
            : FeatureWeights.uniform(features[v]);
        rowScales[v] = new double[features[v]];
        double scaleSum = 0;
        double viewTotal = 0;
        for (int j = 0; j < features[v]; j++) {
          rowScales[v][j] = settings.adaptiveWeights() ? Math.pow(weights[v][j], p) : 1;
          viewTotal += rowScales[v][j] * residual[j];
          scaleSum += rowScales[v][j];
        }
        total += viewTotal;
        normalised += viewTotal / scaleSum;
      }
      objective.add(total);
      exponents.add(p);
      iterations = t + 1;
      double change = Math.abs(previous - normalised) / previous;
      if (t > 0 && change < settings.tolerance()) {
        converged = true;
        break;
      }
      double nextP = t > 0 ? control.next(law, change) : p;
      previous = normalised;
      Matrix[] shippedA = new Matrix[views];
      Matrix[] shippedB = new Matrix[views];
      for (int v = 0; v < views; v++) {
        updateFactors(z.get(v), sums[2 * v], sums[2 * v + 1], rowScales[v]);
        Matrix psi = product(z.get(v));
        Matrix scaledPsi = SmallMatrices.scaleRows(psi, rowScales[v]);
        shippedA[v] = scaledPsi.transpose();
        shippedB[v] = psi.transposeTimes(scaledPsi);
      }
      blocks.update(b -> {
        Matrix[] h = new Matrix[b.views()];
        for (int v = 0; v < h.length; v++) {
          h[v] = SemiNmfUpdate.apply(b.h()[v], shippedA[v].times(b.x()[v]), shippedB[v]);
        }
        return b.withH(h);
      });
      p = nextP;
    }
    // a converged run stopped before updating H, so its last sums are still those of the final H
    Matrix[] atFinalH = converged ? sums : blocks.aggregate(MultiViewClustering::coefficientSums, SmallMatrices::add);
    double[] viewWeights = fuse(blocks, atFinalH, views);
    int[] assignment = new KMeans(k, settings.kmeansRestarts(), settings.seed()).cluster(blocks, SampleBlock::consensus);
    return new ClusteringResult(assignment, weights, viewWeights,
        objective.stream().mapToDouble(Double::doubleValue).toArray(),
        exponents.stream().mapToDouble(Double::doubleValue).toArray(), iterations, converged);
  }

  /** Per view: X_p H_p^T and H_p H_p^T, interleaved. */
  private static Matrix[] coefficientSums(SampleBlock b) {
    return coefficientSums(b, b.x());
  }

  /** Per view: Y_p H_p^T and H_p H_p^T, interleaved, for the layer input Y. */
  private static Matrix[] coefficientSums(SampleBlock b, Matrix[] y) {
    Matrix[] out = new Matrix[2 * b.views()];
    for (int v = 0; v < b.views(); v++) {
      out[2 * v] = y[v].timesTranspose(b.h()[v]);
      out[2 * v + 1] = b.h()[v].timesTranspose(b.h()[v]);
    }
    return out;
  }

  /**
   * Layer-wise semi-NMF from an SVD-based start: layer 1 fits X ~ Z_1 H_1, layer 2 fits H_1 ~ Z_2 H_2.
   * The start takes H = |U_l^T Y| with U_l the top-l left singular vectors of the layer's input Y
   * (from the l x l Gram Y Y^T, a sum over blocks); rows beyond rank(Y) start at seeded random values.
   */
  private List<List<Matrix>> pretrain(SampleBlocks blocks, int[][] layers) {
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
          Matrix y = first ? b.x()[v] : b.h()[v];
          out[v] = y.timesTranspose(y);
        }
        return out;
      }, SmallMatrices::add);
      Matrix[] projections = new Matrix[views];
      for (int v = 0; v < views; v++) {
        projections[v] = topEigenvectorsT(grams[v], layers[v][layer]);
      }
      long seed = settings.seed() * 1_000_003L + layer;
      int layerIndex = layer;
      blocks.update(b -> {
        Matrix[] input = new Matrix[b.views()];
        Matrix[] h = new Matrix[b.views()];
        for (int v = 0; v < input.length; v++) {
          input[v] = first ? b.x()[v] : b.h()[v];
          h[v] = start(projections[v], layers[v][layerIndex], input[v], b.first(), seed * 31 + v);
        }
        return b.withLayer(input, h);
      });
      Matrix[] factor = new Matrix[views];
      for (int it = 0; it < settings.pretrainIterations(); it++) {
        Matrix[] sums = blocks.aggregate(b -> coefficientSums(b, b.input()), SmallMatrices::add);
        Matrix[] shippedA = new Matrix[views];
        Matrix[] shippedB = new Matrix[views];
        for (int v = 0; v < views; v++) {
          factor[v] = sums[2 * v].times(SmallMatrices.pseudoInverse(sums[2 * v + 1]));
          shippedA[v] = factor[v].transpose();
          shippedB[v] = factor[v].transposeTimes(factor[v]);
        }
        blocks.update(b -> {
          Matrix[] h = new Matrix[b.views()];
          for (int v = 0; v < h.length; v++) {
            h[v] = SemiNmfUpdate.apply(b.h()[v], shippedA[v].times(b.input()[v]), shippedB[v]);
          }
          return b.withH(h);
        });
      }
      Matrix[] finalSums = blocks.aggregate(b -> coefficientSums(b, b.input()), SmallMatrices::add);
      for (int v = 0; v < views; v++) {
        z.get(v).add(finalSums[2 * v].times(SmallMatrices.pseudoInverse(finalSums[2 * v + 1])));
      }
    }
    blocks.update(b -> b.withLayer(null, b.h()));
    return z;
  }

  /** The top {@code count} eigenvectors of a symmetric matrix as rows (fewer if it is smaller). */
  private static Matrix topEigenvectorsT(Matrix gram, int count) {
    Decompositions.SymmetricEigen eigen = Decompositions.symmetricEigen(gram);
    int n = gram.rows();
    int kept = Math.min(count, n);
    Matrix out = Matrix.zeros(kept, n);
    for (int r = 0; r < kept; r++) {
      for (int i = 0; i < n; i++) {
        out.set(r, i, eigen.eigenvectors().get(i, n - 1 - r));
      }
    }
    return out;
  }

  /**
   * |U^T y| for the rows U provides, seeded random values of the block's average size for the rest
   * (drawn per sample; their scale is the block's, so with random rows the start depends on how the
   * samples are split into blocks, identically on every engine).
   */
  private static Matrix start(Matrix projectionT, int rows, Matrix y, int firstSample, long seed) {
    Matrix projected = projectionT.times(y);
    int kept = projected.rows();
    double mean = Arrays.stream(projected.data()).map(Math::abs).average().orElse(1);
    Matrix h = Matrix.zeros(rows, y.cols());
    for (int s = 0; s < y.cols(); s++) {
      SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + firstSample + s);
      for (int r = 0; r < rows; r++) {
        h.set(r, s, r < kept ? Math.abs(projected.get(r, s)) : mean * random.nextDouble());
      }
    }
    return h;
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
   * D_j = ||X_j||^2 - 2 (Psi C^T)_jj + (Psi G Psi^T)_jj with C = X H^T, G = H H^T: each feature's
   * residual energy from the sums alone.
   */
  private static double[] residualEnergy(Matrix norms, Matrix psi, Matrix c, Matrix g) {
    Matrix psiG = psi.times(g);
    int d = psi.rows();
    double[] out = new double[d];
    for (int j = 0; j < d; j++) {
      double cross = 0;
      double fit = 0;
      for (int r = 0; r < psi.cols(); r++) {
        cross += psi.get(j, r) * c.get(j, r);
        fit += psiG.get(j, r) * psi.get(j, r);
      }
      out[j] = Math.max(norms.get(j, 0) - 2 * cross + fit, 0);
    }
    return out;
  }

  /**
   * Each Z_i in turn by weighted least squares with the others fixed:
   * Z_i = (Psi^T S Psi)^+ Psi^T S C Phi^T (Phi G Phi^T)^+, Psi = Z_1..Z_{i-1}, Phi = Z_{i+1}..Z_m,
   * S = diag(w^p).
   */
  private static void updateFactors(List<Matrix> z, Matrix c, Matrix g, double[] rowScales) {
    int d = c.rows();
    for (int i = 0; i < z.size(); i++) {
      Matrix psi = i == 0 ? Matrix.identity(d, d) : product(z.subList(0, i));
      Matrix phi = i == z.size() - 1 ? Matrix.identity(g.rows(), g.rows()) : product(z.subList(i + 1, z.size()));
      Matrix scaledPsi = SmallMatrices.scaleRows(psi, rowScales);
      Matrix left = SmallMatrices.pseudoInverse(psi.transposeTimes(scaledPsi)).times(scaledPsi.transpose());
      Matrix right = phi.transpose().times(SmallMatrices.pseudoInverse(phi.times(g).timesTranspose(phi)));
      z.set(i, left.times(c).times(right));
    }
  }

  /**
   * Late fusion: Q_v = H_v^T (H_v H_v^T)^{-1/2} (orthonormal columns), then alternately
   * H* = polar(sum_v gamma_v Q_v R_v), R_v = polar(Q_v^T H*), gamma_v proportional to
   * tr(H*^T Q_v R_v), ||gamma|| = 1. The consensus columns are left in the blocks; returns gamma.
   */
  private double[] fuse(SampleBlocks blocks, Matrix[] sums, int views) {
    Matrix[] whiten = new Matrix[views];
    Matrix[] rotations = new Matrix[views];
    double[] gamma = new double[views];
    for (int v = 0; v < views; v++) {
      whiten[v] = SmallMatrices.inverseSqrt(sums[2 * v + 1]);
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

  private static Matrix rowSquaredNorms(Matrix x) {
    Matrix out = Matrix.zeros(x.rows(), 1);
    for (int s = 0; s < x.cols(); s++) {
      for (int j = 0; j < x.rows(); j++) {
        double value = x.get(j, s);
        out.data()[j] += value * value;
      }
    }
    return out;
  }
}
