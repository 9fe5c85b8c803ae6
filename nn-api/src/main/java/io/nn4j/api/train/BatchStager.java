package io.nn4j.api.train;

import io.nn4j.api.Backend;
import io.nn4j.api.KeptRows;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.BuffersByBatchSize;
import java.util.Arrays;
import java.util.Optional;

/**
 * Copies shuffled rows of a data set straight into backend tensors kept per batch size, with
 * a work tensor of the model's output width beside them. Asked to keep the data, it offers it
 * to the backend once ({@link Backend#keepRows}); where the backend keeps it, a batch is
 * gathered there, and the order is uploaded again only when the part a batch reads differs
 * from the last one uploaded (a new epoch's shuffle). Used by one thread.
 */
final class BatchStager implements AutoCloseable {
    private final Backend backend;
    private final Dataset data;
    private final BuffersByBatchSize<Batch> batches;
    private final KeptRows kept;
    /** A copy of the order the kept rows hold. */
    private int[] uploaded = new int[0];

    /**
     * A stager of {@code data}'s batches on {@code backend}; with {@code keep}, the data set is
     * kept on the backend when it offers that.
     */
    BatchStager(Backend backend, Dataset data, int outputs, boolean keep) {
        this.backend = backend;
        this.data = data;
        this.batches = new BuffersByBatchSize<>(
                n -> new Batch(backend, n, data.featureCount(), data.targetCount(), outputs));
        this.kept = keep ? keep(backend, data) : null;
    }

    /**
     * {@code data} kept on {@code backend}, features held as bytes as bytes with their
     * palette; or null where the backend keeps nothing.
     */
    private static KeptRows keep(Backend backend, Dataset data) {
        Optional<KeptRows> rows = data.holdsByteFeatures()
                ? backend.keepRows(data.featureBytes(), data.featurePalette(),
                        data.featureCount(), data.targets(), data.targetCount())
                : backend.keepRows(data.features(), data.featureCount(), data.targets(),
                        data.targetCount());
        return rows.orElse(null);
    }

    /**
     * Stages examples {@code order[from] … order[from + rows − 1]}: gathered from the kept
     * rows, or copied from the host (features held as bytes converted into a host buffer of
     * the batch first).
     */
    Batch stage(int[] order, int from, int rows) {
        Batch batch = batches.get(rows);
        if (kept == null) {
            if (data.holdsByteFeatures()) {
                float[] converted = batch.hostFeatures();
                data.gatherFeatures(order, from, rows, converted);
                backend.copyIn(converted, 0, batch.features);
            } else {
                backend.copyInRows(data.features(), order, from, batch.features);
            }
            backend.copyInRows(data.targets(), order, from, batch.targets);
            return batch;
        }
        boolean current = uploaded.length == order.length && from + rows <= order.length
                && Arrays.equals(order, from, from + rows, uploaded, from, from + rows);
        if (!current) {
            kept.order(order);
            if (uploaded.length != order.length) {
                uploaded = new int[order.length];
            }
            System.arraycopy(order, 0, uploaded, 0, order.length);
        }
        kept.gather(from, batch.features, batch.targets);
        return batch;
    }

    @Override
    public void close() {
        batches.close();
        if (kept != null) {
            kept.close();
        }
    }

    /**
     * The backend tensors of one batch size: the staged features and targets, and {@code work},
     * as wide as the model's output (a training step's loss gradient, or the predictions of an
     * evaluation).
     */
    static final class Batch implements AutoCloseable {
        final Tensor features;
        final Tensor targets;
        final Tensor work;
        /** Where byte features are converted on the host; made on first use. */
        private float[] hostFeatures;

        Batch(Backend backend, int rows, int featureCount, int targetCount, int outputs) {
            features = backend.zeros(Shape.matrix(rows, featureCount));
            targets = backend.zeros(Shape.matrix(rows, targetCount));
            work = backend.zeros(Shape.matrix(rows, outputs));
        }

        /** The host buffer of the batch's features, as many floats as its tensor holds. */
        float[] hostFeatures() {
            if (hostFeatures == null) {
                hostFeatures = new float[features.shape().size()];
            }
            return hostFeatures;
        }

        @Override
        public void close() {
            features.close();
            targets.close();
            work.close();
        }
    }
}
