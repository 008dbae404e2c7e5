/**
 * Checkpoints on any Hadoop file system: atomic step directories of CRC-checked named arrays ({@link
 * io.sparkdmf.core.checkpoint.StateFile}, {@link io.sparkdmf.core.checkpoint.CheckpointStore}).
 */
package io.sparkdmf.core.checkpoint;
