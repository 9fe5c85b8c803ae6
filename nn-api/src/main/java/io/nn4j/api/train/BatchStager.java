package io.nn4j.api.train;

import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.BuffersByBatchSize;

/**
 * Copies shuffled rows of a data set straight into backend tensors kept per batch size, with
 * a work tensor of the model's output width beside them. Used by one thread.
 */
final class BatchStager implements AutoCloseable {
    private final Backend backend;
    private final Dataset data;
    private final BuffersByBatchSize<Batch> batches;

    BatchStager(Backend backend, Dataset data, int outputs) {
        this.backend = backend;
        this.data = data;
        this.batches = new BuffersByBatchSize<>(
                n -> new Batch(backend, n, data.featureCount(), data.targetCount(), outputs));
    }

    /**
     * Stages examples {@code order[from] … order[from + rows − 1]}; features held as bytes are
     * converted into a host buffer of the batch first.
     */
    Batch stage(int[] order, int from, int rows) {
        Batch batch = batches.get(rows);
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

    @Override
    public void close() {
        batches.close();
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
