package io.nn4j.api.train;

import io.nn4j.api.Backend;
import io.nn4j.api.Parameter;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of a model's parameters and its optimizer's state and step count, kept on the model's
 * backend in tensors made once: {@link #take()} and {@link #restore()} are device copies and
 * allocate nothing. The divergence watch keeps its last good check in one, early stopping its
 * best epoch.
 *
 * <p>Used by the thread that runs the fit; it holds backend tensors until closed.
 */
final class StateSnapshot implements AutoCloseable {
    private final Backend backend;
    private final Optimizer optimizer;
    private final List<Tensor> live = new ArrayList<>();
    private final List<Tensor> saved = new ArrayList<>();
    private int optimizerSteps;

    /** Makes the copy's tensors (zero); nothing is copied yet. */
    StateSnapshot(Sequential model, Optimizer optimizer) {
        this.backend = model.backend();
        this.optimizer = optimizer;
        for (Parameter parameter : model.parameters()) {
            live.add(parameter.value());
        }
        live.addAll(optimizer.stateTensors(model.parameters()).values());
        try {
            for (Tensor tensor : live) {
                saved.add(backend.zeros(tensor.shape()));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Copies the current parameters, optimizer state and step count into the snapshot. */
    void take() {
        for (int i = 0; i < live.size(); i++) {
            backend.copy(live.get(i), saved.get(i));
        }
        optimizerSteps = optimizer.steps();
    }

    /** Puts the parameters, optimizer state and step count back as the snapshot holds them. */
    void restore() {
        for (int i = 0; i < live.size(); i++) {
            backend.copy(saved.get(i), live.get(i));
        }
        optimizer.restoreSteps(optimizerSteps);
    }

    /** Frees the copies. */
    @Override
    public void close() {
        for (Tensor tensor : saved) {
            tensor.close();
        }
        saved.clear();
    }
}
