package io.nn4j.api.nn;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Parameter;
import io.nn4j.api.ParameterUpdate;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.metrics.ClassificationMetrics;
import io.nn4j.api.preprocess.Preprocessing;
import io.nn4j.api.preprocess.Scaler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A network whose layers run one after another, bound to one backend.
 *
 * <pre>{@code
 * try (Sequential net = Sequential.builder(784)
 *         .dense(128, Activation.RELU)
 *         .dense(10, Activation.SOFTMAX)
 *         .build(backend, 42)) { ... }
 * }</pre>
 *
 * The same seed gives the same initial weights on every backend.
 *
 * <p>A model may carry {@linkplain Preprocessing preprocessing}: a feature scaler, applied by
 * {@link #predict} to the raw rows it is given (and by {@code Trainer.fit} and
 * {@code Trainer.evaluate} to their data sets), a target scaler, whose inverse {@link #predict}
 * applies to its outputs, so callers pass and get values in the data's own units, and class
 * names. {@link #forward} and {@link #predictScaled} are the layers alone, in scaled units.
 *
 * <p>Threads: safe to share. {@link #predict} may run on any number of threads at once and
 * gives exactly the single-threaded results: each call works in its own tensors, taken from a
 * small pool kept per batch size. Training ({@link #forward}, {@link #backward}, and
 * {@code Trainer.fit} around them) uses the layers' own buffers and belongs to one thread at a
 * time: while a thread trains, the others' training and prediction calls are refused with an
 * {@link IllegalStateException} naming it, and training waits for the predictions in flight to
 * finish. {@link #close()} waits for them too.
 */
public final class Sequential implements AutoCloseable {
    private final Backend backend;
    private final Architecture architecture;
    private final List<Layer> layers;
    private final List<Parameter> parameters;
    private final UseGuard guard;
    private final ColumnAffine featureScaling;
    private final ColumnAffine targetUnscaling;
    private final InferenceWorkspaces workspaces;

    /** Made by {@link Architecture#build}, which closes the layers when this throws. */
    Sequential(Backend backend, Architecture architecture, List<Layer> layers) {
        this.backend = backend;
        this.architecture = architecture;
        this.layers = List.copyOf(layers);
        List<Parameter> all = new ArrayList<>();
        layers.forEach(layer -> all.addAll(layer.parameters()));
        this.parameters = Collections.unmodifiableList(all);
        this.guard = new UseGuard("the network " + this.layers);
        Preprocessing preprocessing = architecture.preprocessing();
        this.featureScaling = ColumnAffine.transform(backend,
                preprocessing.featureScaler().orElse(null));
        try {
            this.targetUnscaling = ColumnAffine.inverse(backend,
                    preprocessing.targetScaler().orElse(null));
        } catch (RuntimeException e) {
            if (featureScaling != null) {
                featureScaling.close();
            }
            throw e;
        }
        this.workspaces = new InferenceWorkspaces(backend, inputSize(), this.layers,
                featureScaling, targetUnscaling);
    }

    /**
     * Starts a network whose input rows have {@code inputSize} features.
     *
     * @param inputSize features per input row, at least 1
     * @return a builder with no layers yet
     */
    public static Builder builder(int inputSize) {
        return new Builder(inputSize);
    }

    /**
     * The backend every layer runs on.
     *
     * @return the backend the network was built on
     */
    public Backend backend() {
        return backend;
    }

    /**
     * What the network is made of, without its weights.
     *
     * @return the input size and the layers' specifications, enough to build it again
     */
    public Architecture architecture() {
        return architecture;
    }

    /**
     * The scalers and class names the model carries; {@link Preprocessing#NONE} for none.
     *
     * @return the architecture's preprocessing
     */
    public Preprocessing preprocessing() {
        return architecture.preprocessing();
    }

    /**
     * The names of the output classes, when the model was given them: output {@code i} is
     * class {@code classNames().get(i)}; {@code ClassLabels.of(classNames())} maps them both
     * ways.
     *
     * @return the class names by output index, unmodifiable; empty when the model has none
     */
    public List<String> classNames() {
        return architecture.preprocessing().classNames();
    }

    /**
     * The layers, input first.
     *
     * @return the layers, unmodifiable
     */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * Every trainable parameter, input layer first.
     *
     * @return the parameters, unmodifiable, in a fixed order
     */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Features per input row.
     *
     * @return the input width
     */
    public int inputSize() {
        return layers.get(0).inputSize();
    }

    /**
     * Features per output row.
     *
     * @return the output width
     */
    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    /**
     * Runs every layer on a batch {@code [m, inputSize]} in the layers' own buffers, keeping
     * what {@link #backward} needs: the training pass (with {@code training} false, dropout
     * passes its input through). Training use: one thread at a time (see the class comment);
     * {@link #predict} is the inference that threads may share.
     *
     * @param input the batch, {@code [m, inputSize]}, on this network's backend
     * @param training whether this is a training pass (dropout then drops)
     * @return the output {@code [m, outputSize]}, owned by the network and valid until the next
     *     forward pass
     * @throws IllegalStateException when another thread trains the network or it is closed
     */
    public Tensor forward(Tensor input, boolean training) {
        guard.beginTraining("forward");
        try {
            Tensor x = input;
            for (int i = 0; i < layers.size(); i++) {
                x = layers.get(i).forward(x, training);
            }
            return x;
        } finally {
            guard.endTraining();
        }
    }

    /**
     * Back-propagates the per-example loss gradient that {@link Backend#lossGradient} wrote for
     * the last forward pass, output layer first, each layer applying {@code update} to its
     * parameters once it has handed its input gradient down: the gradients stored
     * ({@link ParameterUpdate#STORE_GRADIENT}, or an optimizer that updates after this), or a
     * whole step of plain SGD folded into the layers' GEMMs (the optimizer's
     * {@code parameterUpdate()}). For a loss fused with the output activation the gradient is
     * taken with respect to the output layer's pre-activation. Training use.
     *
     * @param lossGradient the gradient written by {@link Backend#lossGradient}, shaped like the
     *     output
     * @param loss the loss whose gradient it is
     * @param update what each layer does with its parameters' gradients
     * @throws IllegalArgumentException when {@code loss} cannot train this network
     * @throws IllegalStateException    when another thread trains the network or it is closed
     */
    public void backward(Tensor lossGradient, Loss loss, ParameterUpdate update) {
        Objects.requireNonNull(update, "update");
        guard.beginTraining("backward");
        try {
            checkLoss(loss);
            Tensor gradient = lossGradient;
            boolean preActivation = loss.fusedActivation() != null;
            for (int i = layers.size() - 1; i >= 0; i--) {
                Layer layer = layers.get(i);
                if (i > 0 && layer instanceof Dense dense
                        && layers.get(i - 1) instanceof Dense below) {
                    // The layer below's pre-activation gradient straight from this layer's.
                    gradient = dense.backwardInto(preActivation ? gradient
                            : dense.preActivationGradient(gradient), below, update);
                    preActivation = true;
                } else {
                    gradient = preActivation
                            ? layer.backwardFromPreActivation(gradient, i > 0, update)
                            : layer.backward(gradient, i > 0, update);
                    preActivation = false;
                }
            }
        } finally {
            guard.endTraining();
        }
    }

    /**
     * Marks the calling thread as this network's trainer until {@link #endTraining()}, once the
     * predictions in flight have finished: another thread's training or prediction is refused
     * meanwhile. Calls nest on one thread; {@code Trainer.fit} brackets a whole run with them.
     *
     * @throws IllegalStateException when another thread trains the network or it is closed
     */
    public void beginTraining() {
        guard.beginTraining("training");
    }

    /** Ends what the matching {@link #beginTraining()} began. */
    public void endTraining() {
        guard.endTraining();
    }

    /**
     * Checks that {@code loss} can train this network: a loss fused with an activation needs an
     * output layer with that activation ({@link Layer#activation()}); a model with a target
     * scaler is a regression model and trains with {@link Loss#MEAN_SQUARED_ERROR} only.
     *
     * @param loss the loss to check
     * @throws IllegalArgumentException naming the loss and the output layer or the scaler
     *                                  otherwise
     */
    public void checkLoss(Loss loss) {
        Objects.requireNonNull(loss, "loss");
        if (targetUnscaling != null && loss != Loss.MEAN_SQUARED_ERROR) {
            throw new IllegalArgumentException("loss " + loss.id() + " takes classes as targets, "
                    + "which are not to be scaled; this model has a target scaler ("
                    + architecture.preprocessing().targetScaler().orElseThrow() + ") and "
                    + "trains with " + Loss.MEAN_SQUARED_ERROR.id());
        }
        Activation fused = loss.fusedActivation();
        Layer output = layers.get(layers.size() - 1);
        if (fused != null && output.activation() != fused) {
            throw new IllegalArgumentException("loss " + loss.id() + " is computed together with "
                    + fused.id() + " and needs an output layer with " + fused.id()
                    + " activation; the output layer is " + output);
        }
    }

    /**
     * Inference on host data: runs {@code rows} examples ({@code input} row-major,
     * {@code rows × inputSize}) and returns the outputs row-major. Safe from many threads. The
     * model's feature scaler is applied to the input and its target scaler's inverse to the
     * output, on the backend: raw values in, values in the targets' units out.
     *
     * @param input the examples, row-major, raw
     * @param rows the number of examples
     * @return the outputs, {@code rows × outputSize}, row-major
     * @throws IllegalArgumentException when {@code input} does not hold exactly {@code rows}
     *                                  rows of {@code inputSize} features
     * @throws IllegalStateException    when another thread trains the network or it is closed
     */
    public float[] predict(float[] input, int rows) {
        Objects.requireNonNull(input, "predict: input");
        if (rows < 1 || (long) rows * inputSize() != input.length) {
            throw new IllegalArgumentException("predict: input has " + input.length
                    + " values; expected " + rows + " rows of " + inputSize() + " features = "
                    + (long) rows * inputSize() + (rows < 1 ? " (rows must be at least 1)" : ""));
        }
        float[] output = new float[rows * outputSize()];
        guard.beginInference("predict");
        try (InferenceWorkspaces.Workspace workspace = workspaces.take(rows)) {
            backend.copyIn(input, 0, workspace.input);
            if (featureScaling != null) {
                featureScaling.apply(workspace.input, workspace.featureWork, workspace.input);
            }
            Tensor result = run(workspace.input, workspace);
            if (targetUnscaling != null) {
                targetUnscaling.apply(result, workspace.targetWork, result);
            }
            backend.copyOut(result, output, 0);
        } finally {
            guard.endInference();
        }
        return output;
    }

    /**
     * Inference on host rows, one array per example; returns one output array per example.
     * Safe from many threads. Scaled as {@link #predict(float[], int)} is: raw values in,
     * values in the targets' units out.
     *
     * @param rows the examples, each {@code inputSize} wide, raw
     * @return the outputs, each {@code outputSize} wide
     * @throws IllegalArgumentException naming the first row that is null or not
     *                                  {@code inputSize} wide, or for no rows at all
     * @throws IllegalStateException    when another thread trains the network or it is closed
     */
    public float[][] predict(float[][] rows) {
        Objects.requireNonNull(rows, "predict: rows");
        int width = inputSize();
        if (rows.length == 0) {
            throw new IllegalArgumentException("predict: no rows; expected at least 1");
        }
        float[] flat = new float[Math.multiplyExact(rows.length, width)];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != width) {
                throw new IllegalArgumentException("predict: row " + r + " has "
                        + (rows[r] == null ? "no array" : rows[r].length + " features")
                        + "; expected " + width);
            }
            System.arraycopy(rows[r], 0, flat, r * width, width);
        }
        float[] outputs = predict(flat, rows.length);
        int outputWidth = outputSize();
        float[][] result = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            result[r] = Arrays.copyOfRange(outputs, r * outputWidth, (r + 1) * outputWidth);
        }
        return result;
    }

    /**
     * Inference on the backend: writes the model's evaluation output for {@code input}
     * {@code [m, inputSize]} into {@code output} {@code [m, outputSize]}, both tensors of this
     * network's backend. Scaled as {@link #predict(float[], int)} is, on the backend: raw
     * values in, values in the targets' units out. Safe from many threads, each with its own
     * output; allocates nothing once the batch size has been seen. Modifies {@code output}.
     *
     * @param input the batch, {@code [m, inputSize]}, raw
     * @param output receives the outputs, {@code [m, outputSize]}
     * @throws IllegalArgumentException for shapes other than these
     * @throws IllegalStateException    when another thread trains the network or it is closed
     */
    public void predict(Tensor input, Tensor output) {
        checkShapes(input, output);
        guard.beginInference("predict");
        try (InferenceWorkspaces.Workspace workspace = workspaces.take(input.shape().rows())) {
            Tensor x = input;
            if (featureScaling != null) {
                featureScaling.apply(input, workspace.featureWork, workspace.input);
                x = workspace.input;
            }
            Tensor result = run(x, workspace);
            if (targetUnscaling != null) {
                targetUnscaling.apply(result, workspace.targetWork, output);
            } else {
                backend.copy(result, output);
            }
        } finally {
            guard.endInference();
        }
    }

    /**
     * Inference by the layers alone, in the model's scaled units: {@code input} already scaled
     * by the feature scaler, {@code output} in the target scaler's units, as training sees them
     * (the same as {@link #predict(Tensor, Tensor)} for a model without scalers).
     * {@code Trainer.evaluate} measures its loss this way. Safe from many threads, each with
     * its own output; allocates nothing once the batch size has been seen. Modifies
     * {@code output}.
     *
     * @param input the batch, {@code [m, inputSize]}, scaled
     * @param output receives the outputs, {@code [m, outputSize]}, scaled
     * @throws IllegalArgumentException for shapes other than these
     * @throws IllegalStateException    when another thread trains the network or it is closed
     */
    public void predictScaled(Tensor input, Tensor output) {
        checkShapes(input, output);
        guard.beginInference("predict");
        try (InferenceWorkspaces.Workspace workspace = workspaces.take(input.shape().rows())) {
            backend.copy(run(input, workspace), output);
        } finally {
            guard.endInference();
        }
    }

    private void checkShapes(Tensor input, Tensor output) {
        Shape in = input.shape();
        Shape out = output.shape();
        if (in.rank() != 2 || in.cols() != inputSize() || out.rank() != 2
                || out.rows() != in.rows() || out.cols() != outputSize()) {
            throw new IllegalArgumentException("predict: input " + in + " and output " + out
                    + "; expected [m, " + inputSize() + "] and [m, " + outputSize() + "]");
        }
    }

    /** The layers' evaluation pass over {@code input} in {@code workspace}'s tensors. */
    private Tensor run(Tensor input, InferenceWorkspaces.Workspace workspace) {
        Tensor x = input;
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).infer(x, workspace.buffers[i]);
        }
        return x;
    }

    /**
     * Frees every layer's tensors and the inference workspaces, once the predictions in flight
     * have finished; later calls are refused. Closing twice is harmless.
     *
     * @throws IllegalStateException when another thread is training the network
     */
    @Override
    public void close() {
        if (guard.close()) {
            workspaces.close();
            layers.forEach(Layer::close);
            for (ColumnAffine scaling : new ColumnAffine[] {featureScaling, targetUnscaling}) {
                if (scaling != null) {
                    scaling.close();
                }
            }
        }
    }

    /**
     * The class {@link #predict(float[], int)} predicts for each of {@code rows} examples
     * ({@code input} row-major): the column of the largest output (the first on ties) for a
     * network of several outputs, such as a softmax; for a single output, such as a sigmoid,
     * 1 when it is at least {@link Backend#BINARY_THRESHOLD} (0.5) and 0 otherwise
     * ({@link ClassificationMetrics#predictedClass}). A network does not know its loss, so this
     * rule is applied to any network: a regression model's "classes" mean nothing. Safe from
     * many threads.
     *
     * @param input the examples, row-major
     * @param rows the number of examples
     * @return the predicted class of each example
     * @throws IllegalArgumentException when {@code input} does not hold exactly {@code rows}
     *                                  rows of {@code inputSize} features
     * @throws IllegalStateException    when another thread trains the network or it is closed
     */
    public int[] predictClasses(float[] input, int rows) {
        return classes(predict(input, rows), rows);
    }

    /**
     * The class {@link #predict(float[][])} predicts for each example, by the rule of
     * {@link #predictClasses(float[], int)}. Safe from many threads.
     *
     * @param rows the examples, each {@code inputSize} wide
     * @return the predicted class of each example
     * @throws IllegalArgumentException naming the first row that is null or not
     *                                  {@code inputSize} wide, or for no rows at all
     * @throws IllegalStateException    when another thread trains the network or it is closed
     */
    public int[] predictClasses(float[][] rows) {
        Objects.requireNonNull(rows, "predictClasses: rows");
        float[][] outputs = predict(rows);
        int[] classes = new int[outputs.length];
        for (int r = 0; r < outputs.length; r++) {
            classes[r] = ClassificationMetrics.predictedClass(outputs[r], 0, outputSize());
        }
        return classes;
    }

    private int[] classes(float[] outputs, int rows) {
        int width = outputSize();
        int[] classes = new int[rows];
        for (int r = 0; r < rows; r++) {
            classes[r] = ClassificationMetrics.predictedClass(outputs, r * width, width);
        }
        return classes;
    }

    /**
     * A table of the layers like Keras' {@code model.summary()}: each layer's index, kind,
     * activation, output shape {@code [batch, n]} and parameter count, then the total
     * parameters and their size as float32 ({@link ModelSummary}, which
     * {@code ModelSummary.of(architecture())} gives as data).
     *
     * @return the table, one line per layer, lines ending in {@code \n}
     */
    public String summary() {
        return ModelSummary.of(architecture).toString();
    }

    @Override
    public String toString() {
        return "Sequential" + layers;
    }

    /** Collects layer descriptions, then makes the layers on a backend. */
    public static final class Builder {
        private final int inputSize;
        private final List<LayerSpec> specs = new ArrayList<>();
        private Scaler featureScaler;
        private Scaler targetScaler;
        private List<String> classNames;

        private Builder(int inputSize) {
            this.inputSize = inputSize;
        }

        /**
         * Adds a {@link Dense} layer with the usual initializer for its activation.
         *
         * @param units the layer's output width, at least 1
         * @param activation the activation after the affine map
         * @return this builder
         */
        public Builder dense(int units, Activation activation) {
            return add(new DenseSpec(units, activation));
        }

        /**
         * Adds a {@link Dense} layer with the given initializer.
         *
         * @param units the layer's output width, at least 1
         * @param activation the activation after the affine map
         * @param initializer how the weights are drawn
         * @return this builder
         */
        public Builder dense(int units, Activation activation, Initializer initializer) {
            return add(new DenseSpec(units, activation, initializer));
        }

        /**
         * Adds a {@link Dropout} layer dropping elements with probability {@code rate}.
         *
         * @param rate the probability of dropping an element while training, in {@code [0, 1)}
         * @return this builder
         */
        public Builder dropout(float rate) {
            return add(new DropoutSpec(rate));
        }

        /**
         * Adds any layer.
         *
         * @param layer the layer's specification
         * @return this builder
         */
        public Builder add(LayerSpec layer) {
            specs.add(Objects.requireNonNull(layer, "layer"));
            return this;
        }

        /**
         * Gives the model a feature scaler, fitted on the training rows only
         * ({@code Dataset.fitFeatureScaler}): {@code predict}, {@code Trainer.fit} and
         * {@code Trainer.evaluate} apply it to the raw features they are given.
         *
         * @param scaler the scaler, {@code inputSize} columns wide; null for none
         * @return this builder
         */
        public Builder featureScaler(Scaler scaler) {
            this.featureScaler = scaler;
            return this;
        }

        /**
         * Gives a regression model a target scaler, fitted on the training rows only
         * ({@code Dataset.fitTargetScaler}): {@code Trainer.fit} trains on scaled targets and
         * {@code predict} returns its outputs inverse-scaled, in the targets' units. The model
         * then trains with {@link Loss#MEAN_SQUARED_ERROR}.
         *
         * @param scaler the scaler, as wide as the output; null for none
         * @return this builder
         */
        public Builder targetScaler(Scaler scaler) {
            this.targetScaler = scaler;
            return this;
        }

        /**
         * Gives a classifier its class names, kept with it and in its model file, e.g.
         * {@code classNames(csv.classLabels().names())}.
         *
         * @param names the names by output index, one per output (two for one sigmoid output),
         *     distinct; null or empty for none
         * @return this builder
         */
        public Builder classNames(List<String> names) {
            this.classNames = names;
            return this;
        }

        /**
         * The architecture collected so far.
         *
         * @return the input size, the layers added so far and the preprocessing
         * @throws IllegalArgumentException when a scaler or the class names do not fit the
         *                                  layers' input or output width
         */
        public Architecture architecture() {
            return new Architecture(inputSize, specs,
                    Preprocessing.of(featureScaler, targetScaler, classNames));
        }

        /**
         * Makes the layers on {@code backend}, drawing initial weights from {@code seed}.
         *
         * @param backend where the layers' tensors live
         * @param seed the seed of the initial weights
         * @return the network, owned by the caller (close it)
         * @throws IllegalArgumentException when no layer was added, the input size is below 1,
         *                                  or the preprocessing does not fit the layers
         */
        public Sequential build(Backend backend, long seed) {
            return architecture().build(backend, seed);
        }
    }
}
