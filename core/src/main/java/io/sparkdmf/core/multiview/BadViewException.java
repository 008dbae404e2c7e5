package io.sparkdmf.core.multiview;

/**
 * A view that {@link MultiViewData} refuses, with its position among the views, so that a reader can
 * report the problem against the file the view came from.
 */
public final class BadViewException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int view;

  BadViewException(int view, String message) {
    super(message);
    this.view = view;
  }

  /** The index of the view in {@link MultiViewData#views()}. */
  public int view() {
    return view;
  }
}
