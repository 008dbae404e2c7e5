/**
 * The sharpness of deep factorization minima (docs/sharpness.md): Hessian and Gauss-Newton products,
 * Lanczos, the closed forms they are checked against, and balance diagnostics.
 */
package io.sparkdmf.core.sharpness;
