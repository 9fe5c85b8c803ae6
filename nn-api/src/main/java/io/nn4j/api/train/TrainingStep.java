package io.nn4j.api.train;

import io.nn4j.api.Loss;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import java.util.Objects;

/**
 * One mini-batch training step on a data set, as {@link Trainer#fit} runs it: the batch's rows
 * are copied straight from the host data set into backend tensors (or, where the backend keeps
 * the data set in its memory, {@link io.nn4j.api.Backend#keepRows}, gathered there from the
 * copy it took when the step was made; the order is uploaded once per shuffle), then forward,
 * the loss gradient, back-propagation applying the optimizer's {@link Optimizer#parameterUpdate()}
 * (plain SGD updates the parameters right there; other optimizers have the gradients stored),
 * {@link Optimizer#finishStep}, and the batch's summed loss added on the backend to an
 * accumulator. Nothing waits for the device.
 *
 * <p>A model that carries scalers ({@link Sequential#preprocessing()}) trains on a copy of the
 * data set made once, when the step is made, on the host: features scaled by its feature
 * scaler, targets by its target scaler. The data set given is raw, as for
 * {@link Sequential#predict}; the summed loss is in the scaled units.
 *
 * <p>The data set is cut into batches of the batch size, in an order given per call (an epoch's
 * shuffle, see {@link EpochOrder}); the last batch is short when the size does not divide the
 * data set's. The staged features and targets and the loss-gradient work tensor are kept per
 * batch size and reused, so a warm step allocates nothing; {@link #close()} frees them. With
 * class weights (set through {@link Trainer.Builder#classWeights}) each batch also stages its
 * rows' weights and weighted targets, and {@code Backend.multiply} weights the loss gradient;
 * without them nothing more is staged or computed.
 *
 * <p>Used by one thread: it is training use of the model (another thread's training or
 * prediction of the model is refused while a step runs), and its tensors are not guarded. It
 * does not own the model or the optimizer.
 */
public final class TrainingStep implements AutoCloseable {
    private final Sequential model;
    private final Optimizer optimizer;
    private final Loss loss;
    private final Dataset data;
    private final int size;
    private final int batchSize;
    private final BatchStager stager;
    private final BatchStager weighting;
    private final double meanWeight;

    /**
     * Steps that train {@code model} with {@code optimizer} on {@code loss} over batches of
     * {@code batchSize} examples of {@code data}. The data must fit the model and the loss, as
     * {@link Trainer#fit(Sequential, Dataset, Dataset)} describes; no tensor is made yet.
     *
     * @param model     the network to train, on its backend; not owned
     * @param optimizer the optimizer that updates the model's parameters; not owned
     * @param loss      the loss to minimize; must suit the model's output layer
     * @param data      the training data set, raw, whose rows (scaled, when the model has
     *                  scalers) each batch copies to the backend
     * @param batchSize the examples per batch, at least 1
     * @throws IllegalArgumentException when the batch size is below 1, when the loss does not
     *                                  suit the model's output layer, or when the data does not
     *                                  fit the model or the loss (naming row, column and value)
     */
    public TrainingStep(Sequential model, Optimizer optimizer, Loss loss, Dataset data,
                        int batchSize) {
        this(model, optimizer, loss, data, batchSize, null);
    }

    /**
     * The same, with each example's loss and gradient weighted by the weight of its class
     * ({@link ClassWeights}); null weights weight nothing and stage nothing more.
     */
    TrainingStep(Sequential model, Optimizer optimizer, Loss loss, Dataset data, int batchSize,
                 float[] classWeights) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.model = Objects.requireNonNull(model, "model");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.loss = Objects.requireNonNull(loss, "loss");
        model.checkLoss(loss);
        Trainer.checkFits(model, data, loss, "training");
        this.data = ScaledData.of(model, data);
        this.size = data.size();
        this.batchSize = batchSize;
        Dataset staging = classWeights == null ? null
                : ClassWeights.staging(classWeights, data, loss, model.outputSize());
        this.meanWeight = staging == null ? 1 : ClassWeights.meanWeight(staging);
        this.stager = new BatchStager(model.backend(), this.data, model.outputSize(), true);
        this.weighting = staging == null ? null
                : new BatchStager(model.backend(), staging, model.outputSize(), true);
    }

    /** The data set the batches come from: the one given, scaled as the model says. */
    Dataset data() {
        return data;
    }

    /** The mean class weight of the examples: 1 without class weights. */
    double meanWeight() {
        return meanWeight;
    }

    /**
     * The batches in one pass over the data set: its size over the batch size, rounded up.
     *
     * @return the number of batches per epoch, the bound of {@link #run}'s {@code batch}
     */
    public int batches() {
        return (size + batchSize - 1) / batchSize;
    }

    /** The examples in batch {@code batch} (from 0): the batch size, or fewer in the last. */
    int rows(int batch) {
        return Math.min(batchSize, size - batch * batchSize);
    }

    /**
     * Trains on batch {@code batch} (from 0, below {@link #batches()}) of the data set visited
     * in {@code order}, a permutation of its example indices: stages examples
     * {@code order[batch × batchSize]} onwards, runs the step, and adds the batch's summed loss
     * to {@code lossTotal}, a one-element tensor of the model's backend. Modifies the model's
     * parameters, the optimizer's state and {@code lossTotal}.
     *
     * @param order     a permutation of the data set's example indices: the epoch's order
     * @param batch     the batch to train on, from 0, below {@link #batches()}
     * @param lossTotal a one-element tensor of the model's backend; the batch's summed loss is
     *                  added to it
     * @return the network's output for the batch, valid until the model's next forward pass
     * @throws IndexOutOfBoundsException when {@code batch} is not a batch of the data set
     */
    public Tensor run(int[] order, int batch, Tensor lossTotal) {
        Objects.checkIndex(batch, batches());
        int from = batch * batchSize;
        BatchStager.Batch staged = stager.stage(order, from, rows(batch));
        Tensor output = model.forward(staged.features, true);
        if (weighting == null) {
            model.backend().lossGradientAndSum(loss, output, staged.targets, staged.work,
                    lossTotal);
            model.backward(staged.work, loss, optimizer.parameterUpdate());
            optimizer.finishStep(model.parameters());
            return output;
        }
        model.backend().lossGradient(loss, output, staged.targets, staged.work);
        BatchStager.Batch weights = weighting.stage(order, from, rows(batch));
        model.backend().multiply(staged.work, weights.features, staged.work);
        model.backward(staged.work, loss, optimizer.parameterUpdate());
        optimizer.finishStep(model.parameters());
        model.backend().accumulateLoss(Loss.CATEGORICAL_CROSSENTROPY, output, weights.targets,
                lossTotal);
        return output;
    }

    /**
     * Frees the staged batches, work tensors and any data kept on the backend; the model and
     * optimizer stay open.
     */
    @Override
    public void close() {
        stager.close();
        if (weighting != null) {
            weighting.close();
        }
    }
}
