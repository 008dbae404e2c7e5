/**
 * Reading and writing: entry, rating, measurement and multi-view files with errors that name the file
 * and line; the model store; outputs that appear only when complete ({@link
 * io.sparkdmf.data.AtomicOutputDirectory}); and the seeded generators of synthetic problems and star
 * ratings.
 */
package io.sparkdmf.data;
