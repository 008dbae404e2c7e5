package io.sparkdmf.data;

/**
 * Bad input, reported before any training starts with the file, the line (when there is one) and
 * the problem, in the form editors and terminals link to: {@code file:line: problem}.
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String file, long line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
  }

  public InputException(String file, String problem) {
    this(file, 0, problem);
  }
}
