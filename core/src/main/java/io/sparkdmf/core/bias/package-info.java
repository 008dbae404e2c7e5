/**
 * Rating biases (global mean, row and column offsets by alternating ridge regression) that a ratings
 * fit subtracts before the factors fit the residuals.
 */
package io.sparkdmf.core.bias;
