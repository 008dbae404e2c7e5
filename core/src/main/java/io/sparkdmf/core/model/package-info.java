/**
 * The deep factorization W = W_N ... W_1 ({@link io.sparkdmf.core.model.DeepFactorization}), its
 * shapes, its small initialization and the lift of a depth-2 model to a deeper one with the same
 * product.
 */
package io.sparkdmf.core.model;
