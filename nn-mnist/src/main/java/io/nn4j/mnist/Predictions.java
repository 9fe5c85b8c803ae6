package io.nn4j.mnist;

import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
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
     * made once and reused (made again only for a shorter last batch): fresh ones for every
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
        Tensor batch = null;
        Tensor output = null;
        try {
            for (int from = 0; from < images.size(); from += BATCH) {
                int rows = Math.min(BATCH, images.size() - from);
                if (batch == null || batch.shape().rows() != rows) {
                    closeIfOpen(batch);
                    closeIfOpen(output);
                    output = null;
                    batch = backend.zeros(Shape.matrix(rows, features));
                    output = backend.zeros(Shape.matrix(rows, outputs));
                }
                images.copyPixels(from, rows, pixels);
                backend.copyIn(pixels, 0, batch);
                model.predict(batch, output);
                backend.copyOut(output, result, from * outputs);
            }
        } finally {
            closeIfOpen(batch);
            closeIfOpen(output);
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

    private static void closeIfOpen(Tensor tensor) {
        if (tensor != null) {
            tensor.close();
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
