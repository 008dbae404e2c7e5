package io.sparkdmf.light.run;

import io.sparkdmf.light.baseline.Factors;
import io.sparkdmf.light.score.RecoveryScores;
import java.io.Serializable;

/** What a run found, how well, and in how many seconds. */
public record RunResult(RunSpec spec, Factors factors, RecoveryScores scores, double seconds)
    implements Serializable {}
