package io.nn4j.bench;

import io.nn4j.api.nn.Sequential;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inference on host data ({@link Sequential#predict(float[], int)}) by every JMH thread at once
 * on one shared model: run it with {@code -bm thrpt -tu s -t 1}, then {@code -t 8}, to see what
 * sharing a model between threads costs (the report's quick run times one thread's calls). {@code config} is as for {@link TrainingStepBenchmark} (network and
 * batch size); the weights are the initial ones.
 *
 * <p>Threads: JMH's threads share this state, as an application's share a model.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
public class PredictBenchmark extends BackendBenchmark {
    /** The network and batch size: {@code S}, {@code L} or {@code IN-HIDDEN...-OUT/BATCH}. */
    @Param({"S"})
    public String config;

    private Sequential model;
    private float[] input;
    private int rows;

    @Override
    protected void prepare() {
        TrainingConfig network = TrainingConfig.parse(config);
        rows = network.batchSize();
        model = own(network.build(engine, TrainingStepBenchmark.WEIGHT_SEED));
        input = RandomArrays.uniform(new Random(RandomArrays.SEED), rows * network.widths()[0]);
    }

    /** The outputs of one batch, row-major. */
    @Benchmark
    public float[] predict() {
        return model.predict(input, rows);
    }

    /** The network, for checks. */
    Sequential model() {
        return model;
    }

    /** The batch's features on the host. */
    float[] input() {
        return input;
    }
}
