/**
 * The command-line jobs ({@code dmf complete}, {@code sense}, {@code sharpness}, {@code cluster},
 * {@code generate-ratings}) behind {@link io.sparkdmf.jobs.Main}: options, Spark contexts, progress
 * and run records.
 */
package io.sparkdmf.jobs;
