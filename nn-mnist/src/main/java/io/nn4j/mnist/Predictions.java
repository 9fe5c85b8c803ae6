package io.nn4j.mnist;

import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.BuffersByBatchSize;
import io.nn4j.api.nn.Sequential;

/**
 * Runs a model over labelled images in batches and reads back its outputs, or only the class
 * it predicts for each.
 */
final class Predictions {
    /** Images per forward pass. */
    static final int BATCH = 1000;

    private Predictions() {
    }

    /**
     * The model's outputs for every image, {@code [images.size(), model.outputSize()]}
     * row-major (class probabilities for a softmax or sigmoid output). The batch's tensors are
     * made once per batch size ({@link BuffersByBatchSize}) and reused: fresh ones for every
     * thousand images would be megabytes of new memory a batch.
     *
     * @throws IllegalArgumentException when the model does not take images of this size
     */
    static float[] outputs(Sequential model, LabeledImages images) {
        int features = checkInput(model, images);
        Backend backend = model.backend();
        int outputs = model.outputSize();
        float[] result = new float[images.size() * outputs];
        float[] pixels = new float[Math.min(BATCH, images.size()) * features];
        try (BuffersByBatchSize<BatchTensors> tensors = new BuffersByBatchSize<>(rows ->
                new BatchTensors(backend, Shape.matrix(rows, features),
                        Shape.matrix(rows, outputs)))) {
            for (int from = 0; from < images.size(); from += BATCH) {
                int rows = Math.min(BATCH, images.size() - from);
                BatchTensors batch = tensors.get(rows);
                images.copyPixels(from, rows, pixels);
                backend.copyIn(pixels, 0, batch.input);
                model.predict(batch.input, batch.output);
                backend.copyOut(batch.output, result, from * outputs);
            }
        }
        return result;
    }

    /**
     * The class the model predicts for every image: the index of its largest output (the first
     * on ties).
     *
     * @throws IllegalArgumentException when the model does not take images of this size
     */
    static int[] classes(Sequential model, LabeledImages images) {
        return argmax(outputs(model, images), model.outputSize());
    }

    /** One batch size's input and output tensors. */
    private static final class BatchTensors implements AutoCloseable {
        final Tensor input;
        final Tensor output;

        BatchTensors(Backend backend, Shape inputShape, Shape outputShape) {
            input = backend.zeros(inputShape);
            try {
                output = backend.zeros(outputShape);
            } catch (RuntimeException e) {
                input.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                input.close();
            } finally {
                output.close();
            }
        }
    }

    private static int checkInput(Sequential model, LabeledImages images) {
        int features = images.pixelsPerImage();
        if (model.inputSize() != features) {
            throw new IllegalArgumentException("the model takes " + model.inputSize()
                    + " inputs per example; the images have " + features + " pixels");
        }
        return features;
    }

    /**
     * The index of the largest of each row of {@code classes} values (the first on ties), for
     * outputs already read to the host.
     */
    static int[] argmax(float[] rows, int classes) {
        int[] best = new int[rows.length / classes];
        for (int r = 0; r < best.length; r++) {
            for (int c = 1; c < classes; c++) {
                if (rows[r * classes + c] > rows[r * classes + best[r]]) {
                    best[r] = c;
                }
            }
        }
        return best;
    }
}
