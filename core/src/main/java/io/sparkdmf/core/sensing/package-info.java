/**
 * Matrix sensing: measurements y_i = <A_i, W> in blocks, their kernels and objective; measurement
 * matrices given per measurement or shared by a seed.
 */
package io.sparkdmf.core.sensing;
