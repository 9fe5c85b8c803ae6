package io.nn4j.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.metrics.ClassificationMetrics;
import io.nn4j.api.metrics.ConfusionMatrix;
import io.nn4j.api.metrics.RegressionMetrics;
import io.nn4j.api.reference.ReferenceMetrics;
import io.nn4j.api.reference.ReferenceOps;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The host tallies behind {@link Trainer#evaluate}: classification metrics on crafted outputs
 * with answers worked by hand, regression metrics against the two-pass float64 {@link ReferenceMetrics}.
 */
class EvaluationTallyTest {

    /** Feeds every row of {@code outputs} (width {@code k}) with its target row to the tally. */
    private static void feed(EvaluationPass.Tally tally, float[] outputs, int k, float[] targets,
                             int width) {
        for (int r = 0; r < outputs.length / k; r++) {
            tally.add(outputs, r * k, targets, r * width);
        }
    }

    // Three classes, five examples. Outputs and their ranks (true class marked *):
    //  row 0: [0.7, 0.2, 0.1]  true 0*  predicted 0, rank 0
    //  row 1: [0.5, 0.3, 0.2]  true 1*  predicted 0, rank 1
    //  row 2: [0.1, 0.1, 0.8]  true 1*  predicted 2, rank 2 (column 0 ties and is to its left)
    //  row 3: [0.2, 0.3, 0.5]  true 0*  predicted 2, rank 2
    //  row 4: [0.4, 0.4, 0.2]  true 1*  predicted 0 (tie: first wins), rank 1
    private static final float[] OUTPUTS = {
        0.7f, 0.2f, 0.1f, 0.5f, 0.3f, 0.2f, 0.1f, 0.1f, 0.8f, 0.2f, 0.3f, 0.5f, 0.4f, 0.4f, 0.2f};
    private static final float[] CLASS_INDICES = {0, 1, 1, 0, 1};

    @Test
    void classIndicesGiveTheConfusionMatrixAndTopK() {
        EvaluationPass.ClassificationTally tally =
                new EvaluationPass.ClassificationTally(3, 1, 2);
        feed(tally, OUTPUTS, 3, CLASS_INDICES, 1);
        ClassificationMetrics metrics = tally.metrics();
        assertEquals(ConfusionMatrix.of(new int[] {0, 1, 1, 0, 1}, new int[] {0, 0, 2, 2, 0}, 3),
                metrics.confusion());
        assertEquals(0.2, metrics.accuracy(), 1e-12);
        assertEquals(0.6, metrics.topKAccuracy(), 1e-12); // rank < 2: rows 0, 1 and 4
        assertEquals(2, metrics.topK());
        assertEquals(1.0 / 3, metrics.precision(0), 1e-12); // predicted 0 thrice, right once
        assertEquals(0.5, metrics.recall(0), 1e-12); // true 0 twice, found once
        assertEquals(0, metrics.recall(1), 1e-12);
        assertEquals(0, metrics.precision(2), 1e-12); // predicted 2 twice, never right
        assertEquals((2 * (1.0 / 3) * 0.5 / (1.0 / 3 + 0.5)) / 3, metrics.macroF1(), 1e-12);
    }

    @Test
    void oneHotTargetsGiveTheSameAsClassIndices() {
        float[] oneHot = new float[15];
        for (int r = 0; r < 5; r++) {
            oneHot[r * 3 + (int) CLASS_INDICES[r]] = 1;
        }
        EvaluationPass.ClassificationTally sparse =
                new EvaluationPass.ClassificationTally(3, 1, 1);
        EvaluationPass.ClassificationTally dense = new EvaluationPass.ClassificationTally(3, 3, 1);
        feed(sparse, OUTPUTS, 3, CLASS_INDICES, 1);
        feed(dense, OUTPUTS, 3, oneHot, 3);
        assertEquals(sparse.metrics(), dense.metrics());
        assertEquals(dense.metrics().accuracy(), dense.metrics().topKAccuracy(), 1e-12);
    }

    @Test
    void topKOfAtLeastTheClassesIsOne() {
        EvaluationPass.ClassificationTally tally =
                new EvaluationPass.ClassificationTally(3, 1, 3);
        feed(tally, OUTPUTS, 3, CLASS_INDICES, 1);
        assertEquals(1, tally.metrics().topKAccuracy(), 1e-12);
    }

    @Test
    void aSingleOutputIsABinaryDecisionAtOneHalf() {
        float[] probabilities = {0.9f, 0.5f, 0.49f, 0.2f, 0.7f, 0.1f};
        float[] targets = {1, 0, 1, 0, 1, 1};
        EvaluationPass.ClassificationTally top1 = new EvaluationPass.ClassificationTally(1, 1, 1);
        EvaluationPass.ClassificationTally top2 = new EvaluationPass.ClassificationTally(1, 1, 2);
        feed(top1, probabilities, 1, targets, 1);
        feed(top2, probabilities, 1, targets, 1);
        ClassificationMetrics metrics = top1.metrics();
        assertEquals(2, metrics.classes());
        // predicted 1 1 0 0 1 0 against 1 0 1 0 1 1: TP 2, FP 1, TN 1, FN 2
        assertEquals(ConfusionMatrix.of(new int[] {1, 0, 1, 0, 1, 1},
                new int[] {1, 1, 0, 0, 1, 0}, 2), metrics.confusion());
        assertEquals(0.5, metrics.accuracy(), 1e-12);
        assertEquals(2.0 / 3, metrics.precision(1), 1e-12);
        assertEquals(0.5, metrics.recall(1), 1e-12);
        assertEquals(metrics.accuracy(), metrics.topKAccuracy(), 1e-12);
        assertEquals(1, top2.metrics().topKAccuracy(), 1e-12);
    }

    @Test
    void regressionMetricsOnAWorkedExample() {
        // targets 1 2 3 4, outputs 1.5 2 2 5: errors 0.5 0 -1 1
        float[] targets = {1, 2, 3, 4};
        float[] outputs = {1.5f, 2, 2, 5};
        EvaluationPass.RegressionTally tally = new EvaluationPass.RegressionTally(1, Optional.empty());
        feed(tally, outputs, 1, targets, 1);
        RegressionMetrics metrics = tally.metrics();
        assertEquals(2.25 / 4, metrics.mse(), 1e-12);
        assertEquals(Math.sqrt(2.25 / 4), metrics.rmse(), 1e-12);
        assertEquals(2.5 / 4, metrics.mae(), 1e-12);
        assertEquals(1 - 2.25 / 5, metrics.r2(), 1e-12); // Σ(y − ȳ)² = 2.25 + 0.25 + 0.25 + 2.25
        RegressionMetrics reference = ReferenceMetrics.regression(ReferenceOps.widen(outputs),
                ReferenceOps.widen(targets), 1);
        assertEquals(metrics.mse(), reference.mse(), 1e-12);
        assertEquals(metrics.mae(), reference.mae(), 1e-12);
        assertEquals(metrics.r2(), reference.r2(), 1e-12);
    }

    @Test
    void regressionMetricsEqualTheTwoPassFloat64Reference() {
        Random random = new Random(31);
        int rows = 1000;
        int k = 3;
        float[] targets = new float[rows * k];
        float[] outputs = new float[rows * k];
        for (int i = 0; i < targets.length; i++) {
            // large offsets per output, small spread: where a one-pass Σy² − (Σy)²/n would fail
            targets[i] = (float) (1000 * (i % k) + random.nextGaussian());
            outputs[i] = (float) (targets[i] + 0.3 * random.nextGaussian());
        }
        EvaluationPass.RegressionTally tally = new EvaluationPass.RegressionTally(k, Optional.empty());
        feed(tally, outputs, k, targets, k);
        RegressionMetrics metrics = tally.metrics();
        RegressionMetrics reference = ReferenceMetrics.regression(ReferenceOps.widen(outputs),
                ReferenceOps.widen(targets), k);
        assertEquals(reference.mse(), metrics.mse(), 1e-12);
        assertEquals(reference.mae(), metrics.mae(), 1e-12);
        assertEquals(reference.r2(), metrics.r2(), 1e-12);
        assertTrue(metrics.r2() > 0.85 && metrics.r2() < 0.95, metrics.toString());
    }

    @Test
    void aConstantTargetHasRSquaredOneWhenExactAndZeroOtherwise() {
        float[] targets = {2.5f, 2.5f, 2.5f};
        EvaluationPass.RegressionTally exact = new EvaluationPass.RegressionTally(1, Optional.empty());
        EvaluationPass.RegressionTally off = new EvaluationPass.RegressionTally(1, Optional.empty());
        feed(exact, targets.clone(), 1, targets, 1);
        feed(off, new float[] {2.5f, 2.5f, 3f}, 1, targets, 1);
        assertEquals(new RegressionMetrics(0, 0, 1), exact.metrics());
        assertEquals(0, off.metrics().r2());
        assertEquals(0.25 / 3, off.metrics().mse(), 1e-12);
        assertEquals(1, ReferenceMetrics.regression(new double[] {2.5, 2.5, 2.5},
                new double[] {2.5, 2.5, 2.5}, 1).r2());
        assertEquals(0, ReferenceMetrics.regression(new double[] {2.5, 2.5, 3},
                new double[] {2.5, 2.5, 2.5}, 1).r2());
    }
}
