// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.metric;

/**
 * How many of the original trace's NILM features an attacker's trace recovers (spec/leakage.md
 * §5.3).
 *
 * @param totalFeatures TF, the number of edges of the original trace
 * @param effectiveFeatures EF, the number of original edges matched one-to-one by an edge of the
 *     attacker's trace
 * @param extractedFeatures the number of edges of the attacker's trace
 * @param falseFeatures the attacker's edges that match no original edge
 */
public record FeatureRecovery(
    int totalFeatures, int effectiveFeatures, int extractedFeatures, int falseFeatures) {
  /**
   * Validates the counts.
   *
   * @param totalFeatures TF, the number of edges of the original trace
   * @param effectiveFeatures EF, the number of original edges matched one-to-one by an edge of the
   *     attacker's trace
   * @param extractedFeatures the number of edges of the attacker's trace
   * @param falseFeatures the attacker's edges that match no original edge
   * @throws IllegalArgumentException if the counts are inconsistent
   */
  public FeatureRecovery {
    if (effectiveFeatures < 0 || effectiveFeatures > totalFeatures
        || effectiveFeatures > extractedFeatures
        || falseFeatures != extractedFeatures - effectiveFeatures) {
      throw new IllegalArgumentException("inconsistent feature counts");
    }
  }

  /**
   * Returns EF/TF, or 0 when the original trace has no feature.
   *
   * @return the effective-feature ratio in [0, 1]
   */
  public double ratio() {
    return totalFeatures == 0 ? 0.0 : (double) effectiveFeatures / totalFeatures;
  }

  /**
   * Returns the false features per original feature, FF/TF, or 0 when TF = 0.
   *
   * @return the false-feature ratio
   */
  public double falseRatio() {
    return totalFeatures == 0 ? 0.0 : (double) falseFeatures / totalFeatures;
  }
}
