package io.sparkdmf.core.checkpoint;

/** A checkpoint is missing, incomplete, corrupted, or belongs to a different model. */
public final class CheckpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
