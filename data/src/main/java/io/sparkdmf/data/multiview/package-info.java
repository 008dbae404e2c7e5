/**
 * Generators of labelled multi-view data sets that mimic what users cluster: dense features on curved
 * manifolds ({@link io.sparkdmf.data.multiview.CurvedManifoldViews}), non-negative histograms
 * ({@link io.sparkdmf.data.multiview.HistogramViews}), sparse word counts from a topic model with a
 * vocabulary per view ({@link io.sparkdmf.data.multiview.TopicModelViews}) and views of very different
 * quality, one of them pure noise ({@link io.sparkdmf.data.multiview.UnevenQualityViews}).
 * {@link io.sparkdmf.data.multiview.GeneratedSuite} names them with the sizes the experiment uses.
 */
package io.sparkdmf.data.multiview;
