package io.nn4j.mnist;

import io.nn4j.api.Backend;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.DenseSpec;
import io.nn4j.api.nn.DropoutSpec;
import io.nn4j.api.nn.LayerSpec;
import io.nn4j.api.nn.Sequential;
import java.io.IOException;
import java.nio.file.Path;

/** A model file (nn4j's or ONNX) as the {@code eval} and {@code predict} commands read it. */
final class SavedModel {
    private SavedModel() {
    }

    /**
     * Loads the classifier in {@code file} onto {@code backend} and checks that it fits images of
     * {@code pixels} pixels and {@code classes} classes.
     *
     * @throws IOException              when the file is missing or not a valid model file
     * @throws IllegalArgumentException naming the file and both sizes when the model does not fit
     */
    static Sequential load(Path file, Backend backend, int pixels, int classes) throws IOException {
        return fitting(ModelFile.load(file, backend), file, pixels, classes);
    }

    /**
     * Returns {@code model}, loaded from {@code file}, when it fits images of {@code pixels}
     * pixels and {@code classes} classes; otherwise closes it.
     *
     * @throws IllegalArgumentException naming the file and both sizes when the model does not fit
     */
    static Sequential fitting(Sequential model, Path file, int pixels, int classes) {
        if (model.inputSize() != pixels || model.outputSize() != classes) {
            String found = describe(model.architecture());
            model.close();
            throw new IllegalArgumentException(file + " holds " + found + "; expected a"
                    + " classifier of " + pixels + " inputs and " + classes + " outputs, as"
                    + " train --save-model writes");
        }
        return model;
    }

    /** The layers in one line, e.g. {@code 784 -> dense 128 relu -> dense 10 softmax}. */
    static String describe(Architecture architecture) {
        StringBuilder text = new StringBuilder().append(architecture.inputSize());
        for (LayerSpec layer : architecture.layers()) {
            text.append(" -> ");
            if (layer instanceof DenseSpec dense) {
                text.append("dense ").append(dense.units()).append(' ')
                        .append(dense.activation().id());
            } else if (layer instanceof DropoutSpec dropout) {
                text.append("dropout ").append(dropout.rate());
            }
        }
        return text.toString();
    }
}
