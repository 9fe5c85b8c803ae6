package io.nn4j.api.train;

import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.metrics.ClassificationMetrics;
import io.nn4j.api.metrics.ConfusionMatrix;
import io.nn4j.api.metrics.RegressionMetrics;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.preprocess.Scaler;
import java.util.Optional;

/**
 * Runs a model over a data set in batches, in order, through
 * {@link Sequential#predictScaled(Tensor, Tensor)} on the data in the model's scaled units
 * ({@link ScaledData}), summing the loss on the backend. The task comes
 * from the loss: {@link Loss#MEAN_SQUARED_ERROR} is regression, every other loss
 * classification.
 *
 * <p>Stateless: every call works in its own tensors and arrays, so threads may evaluate one
 * model at once, as they may predict with it.
 */
final class EvaluationPass {
    private EvaluationPass() {
    }

    /**
     * The loss and, for classification, the accuracy, both summed on the backend: nothing per
     * example leaves it. The test figures {@code Trainer.fit} measures after each epoch.
     */
    static Evaluation onBackend(Sequential model, Dataset data, Loss loss, int batchSize) {
        Backend backend = model.backend();
        if (isRegression(loss)) {
            return new Evaluation(run(model, data, loss, batchSize, (batch, from, rows) -> { }),
                    Double.NaN, data.size());
        }
        try (Tensor correct = backend.zeros(Shape.vector(1))) {
            double meanLoss = run(model, data, loss, batchSize, (batch, from, rows) ->
                    backend.accumulateCorrect(batch.work, batch.targets, correct));
            return new Evaluation(meanLoss, backend.toArray(correct)[0] / (double) data.size(),
                    data.size());
        }
    }

    /**
     * The loss, summed on the backend, and the task's metrics, tallied on the host from every
     * batch's outputs: one host array of a batch's outputs, reused, and for classification a
     * confusion matrix.
     */
    static Evaluation withMetrics(Sequential model, Dataset data, Loss loss, int batchSize,
                                  int topK) {
        int outputs = model.outputSize();
        float[] host = new float[Math.min(batchSize, data.size()) * outputs];
        float[] targets = data.targets();
        int width = data.targetCount();
        Backend backend = model.backend();
        Tally tally = isRegression(loss)
                ? new RegressionTally(outputs, model.preprocessing().targetScaler())
                : new ClassificationTally(outputs, width, topK);
        double meanLoss = run(model, data, loss, batchSize, (batch, from, rows) -> {
            backend.copyOut(batch.work, host, 0);
            for (int r = 0; r < rows; r++) {
                tally.add(host, r * outputs, targets, (from + r) * width);
            }
        });
        if (tally instanceof RegressionTally regression) {
            return new Evaluation(meanLoss, Double.NaN, data.size(), Optional.empty(),
                    Optional.of(regression.metrics()));
        }
        ClassificationMetrics metrics = ((ClassificationTally) tally).metrics();
        return new Evaluation(meanLoss, metrics.accuracy(), data.size(), Optional.of(metrics),
                Optional.empty());
    }

    /** Whether {@code loss} makes the task a regression: mean squared error. */
    static boolean isRegression(Loss loss) {
        return loss == Loss.MEAN_SQUARED_ERROR;
    }

    /** Predicts every batch, sums its loss and hands it to {@code sink}; the mean loss. */
    private static double run(Sequential model, Dataset raw, Loss loss, int batchSize,
                              BatchSink sink) {
        Dataset data = ScaledData.of(model, raw);
        Backend backend = model.backend();
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        try (BatchStager stager = new BatchStager(backend, data, model.outputSize(), false);
             Tensor lossTotal = backend.zeros(Shape.vector(1))) {
            for (int from = 0; from < data.size(); from += batchSize) {
                int rows = Math.min(batchSize, data.size() - from);
                BatchStager.Batch batch = stager.stage(order, from, rows);
                model.predictScaled(batch.features, batch.work);
                backend.accumulateLoss(loss, batch.work, batch.targets, lossTotal);
                sink.accept(batch, from, rows);
            }
            return backend.toArray(lossTotal)[0] / (double) data.size();
        }
    }

    /** What is done with a batch once predicted: its outputs are in {@code batch.work}. */
    private interface BatchSink {
        void accept(BatchStager.Batch batch, int from, int rows);
    }

    /** Per-example metrics fed one example at a time; used by one thread. */
    interface Tally {
        /**
         * Counts the example whose outputs start at {@code outputs[o]} and targets at
         * {@code targets[t]}.
         */
        void add(float[] outputs, int o, float[] targets, int t);
    }

    /** The confusion matrix and top-k count of a classifier. */
    static final class ClassificationTally implements Tally {
        private final int outputs;
        private final int targetWidth;
        private final int topK;
        private final ConfusionMatrix confusion;
        private long inTopK;

        /**
         * For {@code outputs} outputs (a single one is a binary decision: two classes) and
         * {@code targetWidth} targets per example (1: a class index, or a 0/1 target for a
         * single output; else one-hot or probability rows, whose largest column is the class).
         */
        ClassificationTally(int outputs, int targetWidth, int topK) {
            this.outputs = outputs;
            this.targetWidth = targetWidth;
            this.topK = topK;
            this.confusion = new ConfusionMatrix(Math.max(outputs, 2));
        }

        @Override
        public void add(float[] out, int o, float[] targets, int t) {
            int actual;
            if (outputs == 1) {
                actual = targets[t] >= Backend.BINARY_THRESHOLD ? 1 : 0;
            } else if (targetWidth == 1) {
                actual = (int) targets[t];
            } else {
                actual = ClassificationMetrics.predictedClass(targets, t, targetWidth);
            }
            int predicted = ClassificationMetrics.predictedClass(out, o, outputs);
            confusion.add(actual, predicted);
            boolean top = outputs == 1 ? topK >= 2 || predicted == actual
                    : rank(out, o, actual) < topK;
            inTopK += top ? 1 : 0;
        }

        /** Columns ahead of {@code actual}: larger, or as large and to its left (argmax's rule). */
        private int rank(float[] out, int o, int actual) {
            float score = out[o + actual];
            int ahead = 0;
            for (int c = 0; c < outputs; c++) {
                if (out[o + c] > score || (c < actual && out[o + c] == score)) {
                    ahead++;
                }
            }
            return ahead;
        }

        ClassificationMetrics metrics() {
            long total = confusion.total();
            return new ClassificationMetrics(confusion, topK,
                    total == 0 ? 0 : inTopK / (double) total);
        }
    }

    /**
     * Sums of a regression model's errors per output, in float64, with the targets' mean and
     * spread per output kept by Welford's update (exact for a constant target).
     */
    static final class RegressionTally implements Tally {
        private final int outputs;
        private final double[] squared;
        private final double[] absolute;
        private final double[] mean;
        private final double[] spread;
        private final float[] outputScale;
        private final float[] outputCenter;
        private long examples;

        /**
         * For {@code outputs} outputs compared with targets in their own units; the outputs
         * come in the target scaler's units when there is one and are mapped back first.
         */
        RegressionTally(int outputs, Optional<Scaler> targetScaler) {
            this.outputs = outputs;
            this.outputScale = targetScaler.map(Scaler::scale).orElse(null);
            this.outputCenter = targetScaler.map(Scaler::center).orElse(null);
            this.squared = new double[outputs];
            this.absolute = new double[outputs];
            this.mean = new double[outputs];
            this.spread = new double[outputs];
        }

        @Override
        public void add(float[] out, int o, float[] targets, int t) {
            examples++;
            for (int j = 0; j < outputs; j++) {
                double y = targets[t + j];
                double prediction = outputScale == null ? out[o + j]
                        : out[o + j] * outputScale[j] + outputCenter[j];
                double error = prediction - y;
                squared[j] += error * error;
                absolute[j] += Math.abs(error);
                double delta = y - mean[j];
                mean[j] += delta / examples;
                spread[j] += delta * (y - mean[j]);
            }
        }

        RegressionMetrics metrics() {
            double squaredSum = 0;
            double absoluteSum = 0;
            double r2Sum = 0;
            for (int j = 0; j < outputs; j++) {
                squaredSum += squared[j];
                absoluteSum += absolute[j];
                r2Sum += spread[j] == 0 ? (squared[j] == 0 ? 1 : 0) : 1 - squared[j] / spread[j];
            }
            double values = (double) examples * outputs;
            return new RegressionMetrics(squaredSum / values, absoluteSum / values,
                    r2Sum / outputs);
        }
    }
}
