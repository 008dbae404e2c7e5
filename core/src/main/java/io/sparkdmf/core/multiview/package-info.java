/**
 * Multi-view clustering (docs/multiview.md): per-view deep semi-NMF with adaptive feature weights, a
 * neighbour-graph term and late fusion ({@link io.sparkdmf.core.multiview.MultiViewClustering}), over
 * views dense or sparse held in sample blocks on the driver or in an RDD ({@link
 * io.sparkdmf.core.multiview.SampleBlocks}); k-means, neighbour graphs (exact or HNSW) and the
 * clustering metrics.
 */
package io.sparkdmf.core.multiview;
