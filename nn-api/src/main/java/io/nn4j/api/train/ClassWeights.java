package io.nn4j.api.train;

import io.nn4j.api.Loss;
import java.util.Arrays;

/**
 * Class weights for imbalanced data (Keras' {@code class_weight}): each training example's loss,
 * and so its gradient, is multiplied by the weight of its class: the class index of a sparse
 * target, the column of the largest value of a categorical target row (the first on ties).
 *
 * <p>No new backend op: for the training set, two host arrays as wide as the model's output are
 * made once per fit and staged with every batch like the targets: each example's weight repeated
 * across the row, which {@code Backend.multiply} applies to the batch's loss gradient, and the
 * weighted one-hot (or categorical) target, whose categorical cross-entropy is the weighted
 * per-example loss ({@code −Σ_j w y_j ln a_j = w ℓ}). A fit without class weights stages and
 * multiplies nothing. Validation and test losses are not weighted.
 *
 * <p>Static helpers; stateless, safe from any thread.
 */
final class ClassWeights {
    private ClassWeights() {
    }

    /** Checks weights given to the builder and copies them. */
    static float[] check(float[] weights) {
        if (weights.length < 2) {
            throw new IllegalArgumentException("class weights: " + weights.length + " given; "
                    + "expected one per class, at least 2");
        }
        boolean any = false;
        for (int c = 0; c < weights.length; c++) {
            if (!(weights[c] >= 0) || Float.isInfinite(weights[c])) {
                throw new IllegalArgumentException("class weight " + c + " is " + weights[c]
                        + "; expected a finite value >= 0");
            }
            any |= weights[c] > 0;
        }
        if (!any) {
            throw new IllegalArgumentException("class weights are all 0; expected at least one "
                    + "above 0");
        }
        return weights.clone();
    }

    /** Refuses a loss that class weights cannot weight. */
    static void checkLoss(Loss loss) {
        if (loss != Loss.CATEGORICAL_CROSSENTROPY
                && loss != Loss.SPARSE_CATEGORICAL_CROSSENTROPY) {
            throw new IllegalArgumentException("class weights need a softmax cross-entropy loss ("
                    + Loss.CATEGORICAL_CROSSENTROPY.id() + " or "
                    + Loss.SPARSE_CATEGORICAL_CROSSENTROPY.id() + "), not " + loss.id());
        }
    }

    /**
     * The staging data of {@code data} (already checked for {@code loss} and {@code outputs}):
     * as features, each example's weight repeated {@code outputs} times; as targets, the
     * weighted categorical target.
     */
    static Dataset staging(float[] weights, Dataset data, Loss loss, int outputs) {
        if (weights.length != outputs) {
            throw new IllegalArgumentException("class weights: " + weights.length + " given for "
                    + "a model with " + outputs + " outputs; expected one per class");
        }
        float[] targets = data.targets();
        float[] rowWeights = new float[data.size() * outputs];
        float[] weighted = new float[data.size() * outputs];
        for (int row = 0; row < data.size(); row++) {
            int offset = row * outputs;
            boolean sparse = loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
            int c = sparse ? (int) targets[row] : argmax(targets, offset, outputs);
            float w = weights[c];
            Arrays.fill(rowWeights, offset, offset + outputs, w);
            if (sparse) {
                weighted[offset + c] = w;
            } else {
                for (int j = offset; j < offset + outputs; j++) {
                    weighted[j] = w * targets[j];
                }
            }
        }
        return new Dataset(rowWeights, outputs, weighted, outputs);
    }

    /** The mean weight of the examples of a staging data set: the scale of its losses. */
    static double meanWeight(Dataset staging) {
        float[] rowWeights = staging.features();
        double sum = 0;
        for (int i = 0; i < rowWeights.length; i += staging.featureCount()) {
            sum += rowWeights[i];
        }
        return sum / staging.size();
    }

    private static int argmax(float[] values, int offset, int count) {
        int best = 0;
        for (int j = 1; j < count; j++) {
            if (values[offset + j] > values[offset + best]) {
                best = j;
            }
        }
        return best;
    }
}
