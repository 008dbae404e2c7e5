package io.sparkdmf.light.run;

import io.sparkdmf.light.baseline.Factors;
import io.sparkdmf.light.score.RecoveryScores;
import java.io.Serializable;
import java.util.List;

/**
 * What a run found, how well, and in how many seconds.
 *
 * @param growth the scores at points along the run (DIP only; empty for the baselines)
 */
public record RunResult(RunSpec spec, Factors factors, RecoveryScores scores, double seconds, List<ScorePoint> growth)
    implements Serializable {}
