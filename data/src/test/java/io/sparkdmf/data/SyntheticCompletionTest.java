package io.sparkdmf.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticCompletionTest {

  @Test
  void groundTruthHasTheReferenceNormAndRank() {
    CompletionProblem problem = SyntheticCompletion.parse("m=40,n=30,rank=4,observed=300,seed=7").generate();
    Matrix truth = problem.truth().orElseThrow();
    assertEquals(40, truth.rows());
    assertEquals(30, truth.cols());
    assertEquals(40.0 * 30, truth.frobeniusNormSquared(), 1e-9);
    double[] s = Decompositions.singularValues(truth);
    assertTrue(s[3] > 1e-3 * s[0]);
    assertTrue(s[4] < 1e-12 * s[0], "rank must be 4, fifth singular value " + s[4]);
  }

  @Test
  void entriesAreDistinctDisjointAndCarryTheTruth() {
    CompletionProblem problem = SyntheticCompletion.parse("n=20,rank=2,observed=300,test=100,seed=1").generate();
    Matrix truth = problem.truth().orElseThrow();
    Set<Long> seen = new HashSet<>();
    for (EntryBlock block : new EntryBlock[] {problem.train(), problem.test()}) {
      for (int e = 0; e < block.size(); e++) {
        assertTrue(seen.add((long) block.row(e) * 20 + block.col(e)), "entry drawn twice");
        assertEquals(truth.get(block.row(e), block.col(e)), block.value(e), 0.0);
      }
    }
    assertEquals(300, problem.train().size());
    assertEquals(100, problem.test().size());
  }

  @Test
  void sameSeedSameProblem() {
    CompletionProblem a = SyntheticCompletion.parse("n=15,rank=3,observed=50,seed=3").generate();
    CompletionProblem b = SyntheticCompletion.parse("n=15,rank=3,observed=50,seed=3").generate();
    assertEquals(a.truth().orElseThrow(), b.truth().orElseThrow());
    for (int e = 0; e < 50; e++) {
      assertEquals(a.train().row(e), b.train().row(e));
      assertEquals(a.train().col(e), b.train().col(e));
    }
  }

  @Test
  void everyPositionCanBeDrawn() {
    // Drawing all of 0..size-1 must give a permutation.
    long[] all = SyntheticCompletion.distinctPositions(50, 50, new Random(4));
    java.util.Arrays.sort(all);
    long[] expected = new long[50];
    java.util.Arrays.setAll(expected, i -> i);
    assertArrayEquals(expected, all);
  }

  @Test
  void badSpecsAreExplained() {
    assertThrows(IllegalArgumentException.class, () -> SyntheticCompletion.parse("n=10,rank=2"));
    assertThrows(IllegalArgumentException.class, () -> SyntheticCompletion.parse("n=10,rank=20,observed=5"));
    assertThrows(IllegalArgumentException.class, () -> SyntheticCompletion.parse("n=10,rank=2,observed=101"));
    assertThrows(IllegalArgumentException.class, () -> SyntheticCompletion.parse("n=10,rank=2,observed=x"));
    assertThrows(IllegalArgumentException.class, () -> SyntheticCompletion.parse("n=10,rank=2,observed=5,colour=3"));
  }
}
