package io.nn4j.spark;

import io.nn4j.api.Backend;
import io.nn4j.api.FlatTensors;
import io.nn4j.api.Loss;
import io.nn4j.api.Tensor;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Evaluation;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data-parallel training on Apache Spark, in rounds: the driver broadcasts the weights, every
 * partition trains a copy from them on its executor's backend with the same
 * {@link io.nn4j.api.train.TrainingStep} that {@link Trainer#fit} runs, and
 * {@code treeAggregate} averages the partitions' weights, each weighted by the examples it
 * trained on. With {@link Builder#averageEvery averageEvery(1)} and plain SGD a round is one
 * step of synchronous SGD on a batch of (partitions × batch size) examples; by default a round
 * is one pass over each partition (local SGD, one Spark job per epoch).
 *
 * <pre>{@code
 * SparkTrainer trainer = SparkTrainer.builder(Sequential.builder(784)
 *                 .dense(128, Activation.RELU).dense(10, Activation.SOFTMAX).architecture())
 *         .loss(Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
 *         .optimizer(Sgd::new, 0.1f).scaleLearningRate(true)
 *         .batchSize(64).epochs(5).seed(7)
 *         .build();
 * try (SparkFit fit = trainer.fit(dataFrame, Backends.load("cpu"))) { ... }
 * }</pre>
 *
 * <p>Each partition's rows are packed once into a cached block of floats; before the first
 * round one job checks every partition against the model and the loss. Column types are
 * checked against the schema before any job. Each partition visits its rows in an order drawn
 * from the seed, the partition and the epoch ({@link io.nn4j.api.train.EpochOrder}), and the
 * averages do not depend on the order Spark combines partitions in, so the same seed and the
 * same partitioning give the same model bit for bit, and a task Spark retries computes what
 * the first attempt would have.
 *
 * <p>A trainer's settings never change: it may run fits from several threads at once, each
 * with its own model; the listeners are called on the thread that runs the fit.
 */
public final class SparkTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTrainer.class);
    private static final int EVALUATION_BATCH = 1024;

    private final Architecture architecture;
    private final Loss loss;
    private final OptimizerFactory optimizer;
    private final float learningRate;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final int averageEvery;
    private final boolean averageOptimizerState;
    private final boolean scaleLearningRate;
    private final String executorBackend;
    private final String featuresColumn;
    private final String labelColumn;
    private final List<RoundListener> listeners;

    private SparkTrainer(Builder builder) {
        this.architecture = builder.architecture;
        this.loss = Objects.requireNonNull(builder.loss, "loss");
        this.optimizer = Objects.requireNonNull(builder.optimizer, "optimizer");
        this.learningRate = builder.learningRate;
        this.batchSize = builder.batchSize;
        this.epochs = builder.epochs;
        this.seed = builder.seed;
        this.averageEvery = builder.averageEvery;
        this.averageOptimizerState = builder.averageOptimizerState;
        this.scaleLearningRate = builder.scaleLearningRate;
        this.executorBackend = builder.executorBackend;
        this.featuresColumn = builder.featuresColumn;
        this.labelColumn = builder.labelColumn;
        this.listeners = List.copyOf(builder.listeners);
    }

    /**
     * A builder for networks of {@code architecture}; loss and optimizer are required.
     *
     * @param architecture the network, e.g. {@code Sequential.builder(784)...architecture()}
     * @return a new builder
     */
    public static Builder builder(Architecture architecture) {
        return new Builder(Objects.requireNonNull(architecture, "architecture"));
    }

    /**
     * Trains on a DataFrame's features and label columns (see {@link Builder#columns}) without
     * a test set.
     *
     * @param data the training rows
     * @param backend where the returned model lives (the driver's backend)
     * @return the model and the history; the caller closes it
     * @throws IllegalArgumentException naming the column, partition, row and what was expected
     *                                  when the data does not fit the model or the loss, or
     *                                  when the loss does not suit the model's output layer
     * @throws IllegalStateException    when a round's loss is not finite
     */
    public SparkFit fit(org.apache.spark.sql.Dataset<Row> data, Backend backend) {
        return fit(data, backend, null);
    }

    /**
     * Trains on a DataFrame's features and label columns, measuring {@code test} on the driver
     * after every epoch. The columns' types are checked before any Spark job runs.
     *
     * @param data the training rows
     * @param backend where the returned model lives (the driver's backend)
     * @param test examples measured after every epoch; null for none
     * @return the model and the history; the caller closes it
     * @throws IllegalArgumentException naming the column, partition, row and what was expected
     *                                  when the data does not fit the model or the loss, or
     *                                  when the loss does not suit the model's output layer
     * @throws IllegalStateException    when a round's loss is not finite
     */
    public SparkFit fit(org.apache.spark.sql.Dataset<Row> data, Backend backend,
                        io.nn4j.api.train.Dataset test) {
        RowPacker packer = RowPacker.of(data.schema(), featuresColumn, labelColumn, loss,
                architecture.outputSize());
        return fit(data.javaRDD().mapPartitionsWithIndex(packer, true), backend, test);
    }

    /**
     * Trains on examples already read, without a test set.
     *
     * @param data the training examples, partitioned as they are to be trained
     * @param backend where the returned model lives (the driver's backend)
     * @return the model and the history; the caller closes it
     * @throws IllegalArgumentException naming the partition, row and what was expected when the
     *                                  data does not fit the model or the loss, or when the
     *                                  loss does not suit the model's output layer
     * @throws IllegalStateException    when a round's loss is not finite
     */
    public SparkFit fit(JavaRDD<Example> data, Backend backend) {
        return fit(data, backend, null);
    }

    /**
     * Trains on examples already read, measuring {@code test} on the driver after every epoch.
     *
     * @param data the training examples, partitioned as they are to be trained
     * @param backend where the returned model lives (the driver's backend)
     * @param test examples measured after every epoch; null for none
     * @return the model and the history; the caller closes it
     * @throws IllegalArgumentException naming the partition, row and what was expected when the
     *                                  data does not fit the model or the loss, or when the
     *                                  loss does not suit the model's output layer
     * @throws IllegalStateException    when a round's loss is not finite
     */
    public SparkFit fit(JavaRDD<Example> data, Backend backend, io.nn4j.api.train.Dataset test) {
        Objects.requireNonNull(data, "data");
        Sequential model = architecture.build(Objects.requireNonNull(backend, "backend"), seed);
        try {
            model.checkLoss(loss);
            if (test != null) {
                Trainer.evaluate(model, test, loss, EVALUATION_BATCH);
            }
            return new RoundLoop(JavaSparkContext.fromSparkContext(data.context()), model, test)
                    .run(data);
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    /** One fit's state on the driver. */
    private final class RoundLoop {
        private final JavaSparkContext spark;
        private final Sequential model;
        private final io.nn4j.api.train.Dataset test;
        private final List<EpochStats> history = new ArrayList<>();
        private final List<RoundStats> rounds = new ArrayList<>();
        private final String fitId = UUID.randomUUID().toString();

        RoundLoop(JavaSparkContext spark, Sequential model, io.nn4j.api.train.Dataset test) {
            this.spark = spark;
            this.model = model;
            this.test = test;
        }

        SparkFit run(JavaRDD<Example> data) {
            int inputs = architecture.inputSize();
            int targets = loss.targetColumns(architecture.outputSize());
            JavaRDD<PartitionBlock> blocks = data.mapPartitionsWithIndex((partition, examples) ->
                    List.of(PartitionBlock.pack(partition, examples, inputs, targets)).iterator(),
                    true).persist(StorageLevel.MEMORY_ONLY());
            Broadcast<byte[]> template = spark.broadcast(ModelTemplate.bytes(model));
            try {
                TaskSettings unscaled = settings(template, learningRate);
                List<Integer> sizes = job(() -> blocks.map(b -> PartitionRound.check(unscaled, b))
                        .collect());
                int workers = (int) sizes.stream().filter(rows -> rows > 0).count();
                if (workers == 0) {
                    throw new IllegalArgumentException("the training data has no rows in any of"
                            + " its " + sizes.size() + " partitions");
                }
                TaskSettings settings = scaleLearningRate
                        ? settings(template, learningRate * workers) : unscaled;
                int maxRows = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
                train(blocks, settings, (maxRows + batchSize - 1) / batchSize);
                return new SparkFit(model, history, rounds);
            } finally {
                blocks.unpersist(false);
                template.destroy();
            }
        }

        private TaskSettings settings(Broadcast<byte[]> template, float rate) {
            return new TaskSettings(fitId, template, loss, optimizer,
                    rate, batchSize, seed, executorBackend, averageOptimizerState);
        }

        private void train(JavaRDD<PartitionBlock> blocks, TaskSettings settings,
                           int maxBatches) {
            float[] current;
            try (Optimizer state = optimizer.create(settings.learningRate())) {
                current = FlatTensors.toArray(PartitionRound.values(model, state,
                        averageOptimizerState));
            }
            List<Tensor> parameters = PartitionRound.values(model, null, false);
            int every = averageEvery > 0 ? averageEvery : maxBatches;
            int perEpoch = (maxBatches + every - 1) / every;
            int optimizerSteps = 0;
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long epochStart = System.nanoTime();
                long examples = 0;
                double lossSum = 0;
                for (int round = 1; round <= perEpoch; round++) {
                    long start = System.nanoTime();
                    int first = (round - 1) * every;
                    Broadcast<RoundPlan> plan = spark.broadcast(
                            new RoundPlan(epoch, first, every, current, optimizerSteps));
                    WeightSum sum;
                    try {
                        sum = job(() -> blocks.mapPartitionsWithIndex(
                                new PartitionRound(settings, plan), true)
                                .treeAggregate(new WeightSum(), WeightSum::merge,
                                        WeightSum::merge));
                    } finally {
                        plan.destroy();
                    }
                    double meanLoss = sum.loss() / sum.examples();
                    if (!Double.isFinite(meanLoss)) {
                        FlatTensors.copyIn(current, 0, parameters);
                        throw new IllegalStateException("epoch " + epoch + ", round " + round
                                + ": the mean training loss is " + meanLoss + "; the model is "
                                + "left at the weights before this round; try a smaller "
                                + "learning rate (now " + settings.learningRate() + ")");
                    }
                    current = sum.mean();
                    optimizerSteps += Math.min(first + every, maxBatches) - first;
                    examples += sum.examples();
                    lossSum += sum.loss();
                    RoundStats stats = new RoundStats(epoch, round, perEpoch, sum.examples(),
                            meanLoss, (System.nanoTime() - start) / 1e9);
                    rounds.add(stats);
                    LOG.debug("round {}", stats);
                    listeners.forEach(listener -> listener.onRoundEnd(stats));
                }
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                FlatTensors.copyIn(current, 0, parameters);
                Evaluation measured = test == null ? null
                        : Trainer.evaluate(model, test, loss, EVALUATION_BATCH);
                history.add(new EpochStats(epoch, lossSum / examples,
                        measured == null ? Double.NaN : measured.loss(),
                        measured == null ? Double.NaN : measured.accuracy(), seconds,
                        examples / seconds, Double.NaN, Double.NaN, settings.learningRate()));
            }
        }
    }

    /**
     * Runs a Spark job; a task's {@link IllegalArgumentException} (bad data) comes out as itself,
     * with Spark's exception as its cause, rather than wrapped in Spark's job failure.
     */
    private static <T> T job(Supplier<T> job) {
        try {
            return job.get();
        } catch (Exception e) {
            // Spark's SparkException is checked, and thrown undeclared by the Java API.
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof IllegalArgumentException bad) {
                    throw new IllegalArgumentException(bad.getMessage(), e);
                }
            }
            throw SparkTrainer.<RuntimeException>rethrow(e);
        }
    }

    /** Throws {@code e} as it is, checked or not. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Exception e) throws E {
        throw (E) e;
    }

    /** Collects a Spark trainer's settings; used by one thread, then {@link #build()}. */
    public static final class Builder {
        private final Architecture architecture;
        private Loss loss;
        private OptimizerFactory optimizer;
        private float learningRate;
        private int batchSize = 32;
        private int epochs = 1;
        private long seed = 1;
        private int averageEvery;
        private boolean averageOptimizerState;
        private boolean scaleLearningRate;
        private String executorBackend = "";
        private String featuresColumn = "features";
        private String labelColumn = "label";
        private final List<RoundListener> listeners = new ArrayList<>();

        private Builder(Architecture architecture) {
            this.architecture = architecture;
        }

        /**
         * The loss to minimize (required).
         *
         * @param loss the loss; it must suit the architecture's output layer
         * @return this builder
         */
        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /**
         * The optimizer each partition trains with, made in the task at {@code learningRate}
         * (times the partition count with {@link #scaleLearningRate}) (required).
         *
         * @param factory makes the optimizer, e.g. {@code Sgd::new} or {@code Adam::new}
         * @param learningRate the base learning rate, positive and finite
         * @return this builder
         * @throws IllegalArgumentException for a rate that is not positive and finite
         */
        public Builder optimizer(OptimizerFactory factory, float learningRate) {
            if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be positive and finite, "
                        + "got " + learningRate);
            }
            this.optimizer = Objects.requireNonNull(factory, "factory");
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Examples per step in each partition; default 32.
         *
         * @param batchSize examples per step, at least 1
         * @return this builder
         * @throws IllegalArgumentException for a size below 1
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = atLeast(1, batchSize, "batch size");
            return this;
        }

        /**
         * Passes over the data; default 1.
         *
         * @param epochs the number of epochs, at least 1
         * @return this builder
         * @throws IllegalArgumentException for fewer than 1
         */
        public Builder epochs(int epochs) {
            this.epochs = atLeast(1, epochs, "epochs");
            return this;
        }

        /**
         * Seed of the initial weights and of every partition's epoch order; default 1.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Averages the partitions' weights every {@code steps} local steps: 1 is synchronous
         * SGD (a Spark job per step); the default, 0, once per pass over the partition (a job
         * per epoch).
         *
         * @param steps local steps per round, at least 1; or 0 for one pass
         * @return this builder
         * @throws IllegalArgumentException for a negative count
         */
        public Builder averageEvery(int steps) {
            this.averageEvery = atLeast(0, steps, "averageEvery");
            return this;
        }

        /**
         * Whether the optimizer's state (momentum, Adam's moments) and step count travel with
         * the weights and are averaged too; by default each round starts it afresh.
         *
         * @param average true to average the state
         * @return this builder
         */
        public Builder averageOptimizerState(boolean average) {
            this.averageOptimizerState = average;
            return this;
        }

        /**
         * Whether the learning rate is multiplied by the number of partitions that hold data:
         * averaging N partitions' local steps moves the weights about 1/N as far; default false.
         *
         * @param scale true to scale the rate
         * @return this builder
         */
        public Builder scaleLearningRate(boolean scale) {
            this.scaleLearningRate = scale;
            return this;
        }

        /**
         * The backend the executors train on, by name; by default each executor JVM's default
         * choice ({@code -Dnn.backend}, {@code NN_BACKEND}, else the available one of highest
         * priority).
         *
         * @param name a backend name such as {@code cpu} or {@code opencl}
         * @return this builder
         */
        public Builder executorBackend(String name) {
            this.executorBackend = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The DataFrame columns {@code fit} reads; default {@code features} and {@code label},
         * Spark ML's names.
         *
         * @param features a Spark ML vector, {@code array<float>} or {@code array<double>}
         *                 column
         * @param label a numeric column (class index or value), or a vector or array column
         * @return this builder
         */
        public Builder columns(String features, String label) {
            this.featuresColumn = Objects.requireNonNull(features, "features");
            this.labelColumn = Objects.requireNonNull(label, "label");
            return this;
        }

        /**
         * Adds a listener told of every round, on the driver.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(RoundListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The trainer.
         *
         * @return a trainer with these settings
         * @throws NullPointerException when the loss or the optimizer is missing
         */
        public SparkTrainer build() {
            Objects.requireNonNull(loss, "loss");
            Objects.requireNonNull(optimizer, "optimizer");
            return new SparkTrainer(this);
        }

        private static int atLeast(int minimum, int value, String what) {
            if (value < minimum) {
                throw new IllegalArgumentException(what + " must be at least " + minimum
                        + ", got " + value);
            }
            return value;
        }
    }
}
