package io.sparkdmf.light.run;

import io.sparkdmf.light.score.RecoveryScores;
import java.io.Serializable;

/** A run's scores after {@code iteration} steps: how its quality grows. */
public record ScorePoint(int iteration, RecoveryScores scores) implements Serializable {}
