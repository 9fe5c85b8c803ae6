package io.nn4j.api.train;

import io.nn4j.api.nn.Sequential;
import io.nn4j.api.preprocess.Preprocessing;
import io.nn4j.api.preprocess.Scaler;

/**
 * Where a data set enters training or evaluation in the model's scaled units: a copy with the
 * features scaled by the model's feature scaler and the targets by its target scaler, made once
 * on the host ({@link Preprocessing}). Stateless.
 */
final class ScaledData {
    private ScaledData() {
    }

    /**
     * {@code data} as {@code model}'s layers see it: a scaled copy, or {@code data} itself for a
     * model without scalers. Values are not checked again (a copy of a data set made with
     * {@link Dataset#allowingNonFinite} keeps its non-finite values). The widths were checked
     * against the model before ({@link Trainer#checkFits}).
     */
    static Dataset of(Sequential model, Dataset data) {
        Scaler features = model.preprocessing().featureScaler().orElse(null);
        Scaler targets = model.preprocessing().targetScaler().orElse(null);
        if (features == null && targets == null) {
            return data;
        }
        float[] x = features == null ? data.features() : data.copyOfFeatures();
        float[] y = targets == null ? data.targets() : data.targets().clone();
        if (features != null) {
            features.transformRows(x);
        }
        if (targets != null) {
            targets.transformRows(y);
        }
        return Dataset.allowingNonFinite(x, data.featureCount(), y, data.targetCount());
    }
}
