/**
 * The experiments ({@code dmf experiment ...}) that reproduce the research results and compare the
 * multi-view model with its baselines, with resumable run stores, figures and reports.
 */
package io.sparkdmf.research.experiment;
