// SPDX-License-Identifier: Apache-2.0
/**
 * Reconstruction of the consumption distribution from distorted readings (spec/distortion.md §5):
 * the Agrawal-Aggarwal EM over bins with the interval-averaged Gaussian noise mass, computed on
 * the histogram of the observations ({@link io.gridveil.distortion.reconstruction.Reconstructor},
 * O(rows * bins) per iteration whatever the number of meters) and in the per-sample form
 * ({@link io.gridveil.distortion.reconstruction.PerSampleReconstructor}, the reference and the
 * benchmark baseline); the hierarchical merge of local distributions weighted by their counts
 * ({@link io.gridveil.distortion.reconstruction.HierarchicalMerge}); and the accuracy metrics
 * ({@link io.gridveil.distortion.reconstruction.DistributionMetrics}).
 */
package io.gridveil.distortion.reconstruction;
