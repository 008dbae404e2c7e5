package io.sparkdmf.light.dip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.light.baseline.Factors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Blind light transport by deep matrix factorization with a deep image prior: T and L are the outputs of
 * two generators trained together from random weights to minimise
 * <pre>  mean |T L - Z'| + smoothness (mean |dT| + mean |dL|)</pre>
 * where Z' is Z scaled to mean 1, dX are the differences of X along each axis, and T L is scaled by the
 * constant that gives it mean 1 at the random start (with hundreds of hidden pixels the raw product
 * starts far above Z', and the first steps then drive both generators to zero output). The returned T
 * carries both scales back, so T L approximates Z.
 */
public final class DeepImagePrior {
  /** Losses recorded over a run, at most this many. */
  private static final int HISTORY_POINTS = 200;

  /** Called every so often with the iteration and the training loss, for progress and ETA. */
  @FunctionalInterface
  public interface Progress {
    void onLoss(int iteration, int iterations, double loss);

    Progress NONE = (iteration, iterations, loss) -> {};
  }

  /** Receives the factors (T with Z's scale) at a few points of a run, to follow their quality. */
  @FunctionalInterface
  public interface Snapshots {
    void onFactors(int iteration, Matrix transport, Matrix hidden);
  }

  private final DipSettings settings;

  public DeepImagePrior(DipSettings settings) {
    this.settings = settings;
  }

  /** Factors of inner dimension {@code hiddenPixels} (T is observed pixels x hidden, L hidden x frames). */
  public Factors fit(Matrix observed, int hiddenPixels, Progress progress) {
    return fit(observed, hiddenPixels, progress, 0, null);
  }

  /** The same, handing the factors to {@code snapshots} every {@code snapshotEvery} iterations (0: never). */
  public Factors fit(Matrix observed, int hiddenPixels, Progress progress, int snapshotEvery, Snapshots snapshots) {
    DeepLearning.configure(settings.threads());
    double scale = mean(observed);
    try (NDManager manager = NDManager.newBaseManager();
        Problem problem = new Problem(manager, observed, scale, hiddenPixels, DataType.FLOAT32)) {
      Adam adam = Adam.builder().optLearningRateTracker(Tracker.fixed((float) settings.learningRate()))
          .optWeightDecays((float) settings.weightDecay()).build();
      int every = Math.max(1, settings.iterations() / HISTORY_POINTS);
      double[] history = new double[settings.iterations() / every];
      double loss = Double.NaN;
      for (int it = 0; it < settings.iterations(); it++) {
        loss = problem.step(adam);
        if ((it + 1) % every == 0 && (it + 1) / every <= history.length) {
          history[(it + 1) / every - 1] = loss;
          progress.onLoss(it + 1, settings.iterations(), loss);
        }
        if (snapshotEvery > 0 && (it + 1) % snapshotEvery == 0 && it + 1 < settings.iterations()) {
          Matrix[] now = problem.factors(scale);
          snapshots.onFactors(it + 1, now[0], now[1]);
        }
        if (!Double.isFinite(loss)) {
          throw new IllegalStateException("the deep image prior's loss became " + loss + " at iteration " + it
              + "; try a smaller learning rate");
        }
      }
      Matrix[] factors = problem.factors(scale);
      return new Factors(factors[0], factors[1], loss, history, every);
    }
  }

  static double mean(Matrix m) {
    double sum = 0;
    for (double v : m.data()) {
      sum += v;
    }
    return sum / m.data().length;
  }

  /** The two generators, the target and their gradients, in one manager. */
  final class Problem implements AutoCloseable {
    private final NDManager manager;
    private final NDArray target;
    private final ConvGenerator transport;
    private final ConvGenerator hidden;
    /** 1 / mean(T L) at the start: the loss compares this multiple of T L with Z'. */
    private final double productScale;
    private final List<NDArray> parameters = new ArrayList<>();
    /**
     * One handle per parameter's gradient, held for the whole run: PyTorch creates a gradient at the first
     * backward pass and accumulates into it after; a handle taken before then is not it, and a handle
     * closed or collected mid-run freed it under the optimizer (NaNs).
     */
    private final List<NDArray> gradients = new ArrayList<>();

    Problem(NDManager manager, Matrix observed, double scale, int hiddenPixels, DataType type) {
      this.manager = manager;
      double[] z = new double[observed.data().length];
      for (int p = 0; p < observed.rows(); p++) {
        for (int f = 0; f < observed.cols(); f++) {
          z[p * observed.cols() + f] = observed.get(p, f) / scale; // row-major for the engine
        }
      }
      target = manager.create(z, new Shape(observed.rows(), observed.cols())).toType(type, false);
      Random random = new Random(settings.seed());
      transport = new ConvGenerator(manager, type, observed.rows(), hiddenPixels, settings, random);
      hidden = new ConvGenerator(manager, type, hiddenPixels, observed.cols(), settings, random);
      parameters.addAll(transport.parameters());
      parameters.addAll(hidden.parameters());
      try (NDManager scope = manager.newSubManager()) {
        productScale = 1 / transport.forward(scope, false).matMul(hidden.forward(scope, false)).mean()
            .toType(DataType.FLOAT64, false).getDouble();
      }
    }

    /** One Adam step; returns the loss before it. */
    double step(Adam adam) {
      try (NDManager scope = manager.newSubManager()) {
        double loss = lossAndGradients(scope, true);
        for (int p = 0; p < parameters.size(); p++) {
          adam.update("p" + p, parameters.get(p), gradients.get(p));
        }
        return loss;
      }
    }

    /** The loss, with its gradient left in the parameters' gradients (zeroed first). */
    double lossAndGradients(NDManager scope, boolean training) {
      parameters.forEach(Autograd::zeroGradient);
      Autograd.record();
      NDArray loss = loss(scope, training);
      Autograd.backward(loss);
      if (gradients.isEmpty()) {
        for (NDArray parameter : parameters) {
          NDArray gradient = parameter.getGradient();
          gradient.attach(manager); // out of the pass's manager, which would close it
          gradients.add(gradient);
        }
      }
      return loss.toType(DataType.FLOAT64, false).getDouble();
    }

    NDArray loss(NDManager scope, boolean training) {
      NDArray t = transport.forward(scope, training);
      NDArray l = hidden.forward(scope, training);
      NDArray misfit = t.matMul(l).mul(productScale).sub(target).abs().mean();
      return misfit.add(smoothness(t).add(smoothness(l)).mul(settings.smoothness()));
    }

    List<NDArray> parameters() {
      return parameters;
    }

    List<NDArray> gradients() {
      return gradients;
    }

    /** T and L at the current weights, without dropout; T times Z's mean {@code scale} and c, so T L ~ Z. */
    Matrix[] factors(double scale) {
      try (NDManager scope = manager.newSubManager()) {
        Matrix t = matrix(transport.forward(scope, false));
        t.scale(scale * productScale);
        return new Matrix[] {t, matrix(hidden.forward(scope, false))};
      }
    }

    @Override
    public void close() {
      gradients.forEach(NDArray::close);
    }
  }

  /** Mean absolute difference along both axes. */
  private static NDArray smoothness(NDArray x) {
    NDArray down = x.get("1:, :").sub(x.get(":-1, :")).abs().mean();
    NDArray across = x.get(":, 1:").sub(x.get(":, :-1")).abs().mean();
    return down.add(across);
  }

  private static Matrix matrix(NDArray array) {
    int rows = (int) array.getShape().get(0);
    int cols = (int) array.getShape().get(1);
    double[] rowMajor = array.toType(DataType.FLOAT64, false).toDoubleArray();
    Matrix m = Matrix.zeros(rows, cols);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m.set(i, j, rowMajor[i * cols + j]);
      }
    }
    return m;
  }
}
