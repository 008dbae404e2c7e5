/**
 * Benchmarks ({@code dmf bench ...}): each prints its figures as ratios against a baseline measured in
 * the same run, and the command that produced them.
 */
package io.sparkdmf.research.bench;
