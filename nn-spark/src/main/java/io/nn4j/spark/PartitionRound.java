package io.nn4j.spark;

import io.nn4j.api.Backend;
import io.nn4j.api.FlatTensors;
import io.nn4j.api.Parameter;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.TrainingStep;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.resource.ResourceInformation;
import scala.Option;

/**
 * What each task of a round runs on its partition's cached block: a model on the executor's
 * backend, set to the broadcast weights (and optimizer state), trained for the round's batches
 * of the partition's epoch order by {@link TrainingStep}, its values returned as a
 * {@link WeightSum} weighted by the examples trained. A task keeps nothing between runs but the
 * backend and the block, so a retried or speculative task computes the same sum.
 *
 * <p>Also checks a partition before any round ({@link #check}): the data set over its block and
 * a training step on it, whose checks name the row, column and value of bad data.
 *
 * <p>Threads: immutable; Spark runs it in many tasks at once, each with its own model.
 */
final class PartitionRound
        implements Function2<Integer, Iterator<PartitionBlock>, Iterator<WeightSum>> {
    private static final long serialVersionUID = 1L;

    private final TaskSettings settings;
    private final Broadcast<RoundPlan> plan;

    PartitionRound(TaskSettings settings, Broadcast<RoundPlan> plan) {
        this.settings = settings;
        this.plan = plan;
    }

    @Override
    public Iterator<WeightSum> call(Integer partition, Iterator<PartitionBlock> blocks) {
        WeightSum sum = new WeightSum();
        RoundPlan round = plan.value();
        while (blocks.hasNext()) {
            train(blocks.next(), round, sum);
        }
        return List.of(sum).iterator();
    }

    private void train(PartitionBlock block, RoundPlan round, WeightSum sum) {
        Dataset data = block.dataset();
        if (data == null) {
            sum.add(null, 0, 0);
            return;
        }
        Backend backend = backend(settings);
        try (Sequential model = ModelTemplate.architecture(settings.fitId(),
                settings.template().value(), backend).build(backend, 0);
             Optimizer optimizer = settings.optimizer().create(settings.learningRate());
             TrainingStep step = new TrainingStep(model, optimizer, settings.loss(), data,
                     settings.batchSize());
             Tensor lossTotal = backend.zeros(Shape.vector(1))) {
            List<Tensor> values = values(model, optimizer, settings.averageState());
            FlatTensors.copyIn(round.values(), 0, values);
            if (settings.averageState()) {
                optimizer.restoreSteps(round.optimizerSteps());
            }
            optimizer.startEpoch(round.epoch() - 1);
            int[] order = PartitionOrder.of(block.rows, settings.seed(), block.partition,
                    round.epoch());
            int first = Math.min(round.firstBatch(), step.batches());
            int last = Math.min(round.firstBatch() + round.batches(), step.batches());
            long examples = 0;
            model.beginTraining();
            try {
                for (int batch = first; batch < last; batch++) {
                    step.run(order, batch, lossTotal);
                    examples += Math.min(settings.batchSize(),
                            block.rows - batch * settings.batchSize());
                }
            } finally {
                model.endTraining();
            }
            float[] loss = backend.toArray(lossTotal);
            sum.add(FlatTensors.toArray(values), examples, loss[0]);
        }
    }

    /**
     * The partition's row count, once its data set and a training step on it have checked it
     * against the model and the loss.
     *
     * @throws IllegalArgumentException naming the partition, and the row, column and value
     */
    static int check(TaskSettings settings, PartitionBlock block) {
        Dataset data = block.dataset();
        if (data == null) {
            return 0;
        }
        Backend backend = backend(settings);
        try (Sequential model = ModelTemplate.architecture(settings.fitId(),
                settings.template().value(), backend).build(backend, 0);
             Optimizer optimizer = settings.optimizer().create(settings.learningRate());
             TrainingStep step = new TrainingStep(model, optimizer, settings.loss(), data,
                     settings.batchSize())) {
            return block.rows;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("partition " + block.partition + ": "
                    + e.getMessage(), e);
        }
    }

    /** The model's parameter values, then (when averaged) the optimizer's state tensors. */
    static List<Tensor> values(Sequential model, Optimizer optimizer, boolean withState) {
        List<Tensor> values = new ArrayList<>();
        for (Parameter parameter : model.parameters()) {
            values.add(parameter.value());
        }
        if (withState) {
            values.addAll(optimizer.stateTensors(model.parameters()).values());
        }
        return values;
    }

    /** This JVM's backend for the task, with BLAS threads checked against the task's CPUs. */
    private static Backend backend(TaskSettings settings) {
        TaskContext task = TaskContext.get();
        String gpu = null;
        if (task != null) {
            Option<ResourceInformation> gpus = task.resources().get("gpu");
            if (gpus.isDefined() && gpus.get().addresses().length > 0) {
                gpu = gpus.get().addresses()[0];
            }
            BlasThreads.checkOnce(task.cpus());
        }
        return ExecutorBackends.get(settings.backend(), gpu);
    }
}
