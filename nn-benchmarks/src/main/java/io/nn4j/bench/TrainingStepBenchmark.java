package io.nn4j.bench;

import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.TrainingStep;
import java.util.Random;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * One whole training step as {@link io.nn4j.api.train.Trainer} runs it, through the same
 * {@link TrainingStep}: copy the rows of a batch and its one-hot labels in from a
 * {@link Dataset}, forward, softmax cross-entropy gradient, backward, SGD update, loss sum, then
 * wait for the device. {@code config} is {@code S} (784-128-10, batch 64), {@code L}
 * (784-1024-1024-10, batch 256) or explicit, see {@link TrainingConfig#parse}.
 */
public class TrainingStepBenchmark extends BackendBenchmark {
    /** The learning rate of the SGD update. */
    static final float LEARNING_RATE = 0.05f;
    /** The seed of the initial weights. */
    static final long WEIGHT_SEED = 7;
    /** The loss, fused with the network's softmax output. */
    static final Loss LOSS = Loss.CATEGORICAL_CROSSENTROPY;

    /** The network and batch size: {@code S}, {@code L} or {@code IN-HIDDEN...-OUT/BATCH}. */
    @Param({"S", "L"})
    public String config;

    private Sequential model;
    private float[] hostFeatures;
    private float[] hostTargets;
    private int[] order;
    private TrainingStep trainingStep;
    private Tensor lossTotal;

    @Override
    protected void prepare() {
        TrainingConfig network = TrainingConfig.parse(config);
        int[] widths = network.widths();
        int rows = network.batchSize();
        int classes = widths[widths.length - 1];
        model = own(network.build(engine, WEIGHT_SEED));
        Sgd optimizer = own(new Sgd(LEARNING_RATE));
        Random random = new Random(RandomArrays.SEED);
        hostFeatures = RandomArrays.uniform(random, rows * widths[0]);
        hostTargets = RandomArrays.oneHot(random, rows, classes);
        order = IntStream.range(0, rows).toArray();
        trainingStep = own(new TrainingStep(model, optimizer, LOSS,
                new Dataset(hostFeatures, widths[0], hostTargets, classes), rows));
        lossTotal = zeros(Shape.vector(1));
    }

    /** One training step on the batch, finished; returns the forward pass's output. */
    @Benchmark
    public Tensor step() {
        return finished(trainingStep.run(order, 0, lossTotal));
    }

    /** The network being trained. */
    Sequential model() {
        return model;
    }

    /** The batch's features and one-hot targets on the host. */
    float[][] batch() {
        return new float[][] {hostFeatures, hostTargets};
    }

    /** The sum of the per-example losses of every step so far. */
    Tensor lossTotal() {
        return lossTotal;
    }
}
