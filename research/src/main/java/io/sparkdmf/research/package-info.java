/**
 * The research module: benchmarks ({@code dmf bench ...}) and the experiments that reproduce the
 * papers' results and compare the models with their baselines ({@code dmf experiment ...}), kept out of
 * the application jar that users submit. {@link io.sparkdmf.research.ResearchMain} is its entry point.
 */
package io.sparkdmf.research;
