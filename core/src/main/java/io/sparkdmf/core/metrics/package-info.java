/**
 * What a run reports: errors against held-out or true values ({@link
 * io.sparkdmf.core.metrics.Metrics}) and the spectra of the end-to-end matrix and factors ({@link
 * io.sparkdmf.core.metrics.SpectralDiagnostics}).
 */
package io.sparkdmf.core.metrics;
