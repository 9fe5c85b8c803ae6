package io.nn4j.api.nn;

import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The work tensors of inference calls, one {@link Workspace} per call in flight, so that calls
 * on one model from many threads never share a buffer. A finished call gives its workspace back
 * for the next call of the same batch size; at most {@value #MAX_IDLE} idle workspaces are kept
 * (the least recently used is freed first), so the pool holds a few batch sizes' worth of
 * memory however many threads came and went.
 *
 * <p>Safe to share between threads. Taking a kept workspace allocates nothing; tensors are made
 * and freed outside the pool's lock.
 */
final class InferenceWorkspaces implements AutoCloseable {
    /** Most idle workspaces kept between calls. */
    static final int MAX_IDLE = 8;

    private final Backend backend;
    private final int inputSize;
    private final List<Layer> layers;
    private final ColumnAffine features;
    private final ColumnAffine targets;
    private final Workspace[] idle = new Workspace[MAX_IDLE];
    private long uses;
    private boolean closed;

    /**
     * A pool for {@code layers} on {@code backend}, whose inputs have {@code inputSize}
     * features, with the work tensors of the model's feature and target scalers (null when it
     * has none).
     */
    InferenceWorkspaces(Backend backend, int inputSize, List<Layer> layers,
                        ColumnAffine features, ColumnAffine targets) {
        this.backend = backend;
        this.inputSize = inputSize;
        this.layers = layers;
        this.features = features;
        this.targets = targets;
    }

    /**
     * A workspace for {@code rows} examples that no other call uses until it is closed, which
     * gives it back.
     */
    Workspace take(int rows) {
        synchronized (this) {
            for (int i = 0; i < MAX_IDLE; i++) {
                Workspace kept = idle[i];
                if (kept != null && kept.rows == rows) {
                    idle[i] = null;
                    return kept;
                }
            }
        }
        return new Workspace(rows);
    }

    /** Keeps {@code workspace} for a later call, or frees it when the pool is full or closed. */
    private void giveBack(Workspace workspace) {
        Workspace evicted;
        synchronized (this) {
            if (closed) {
                evicted = workspace;
            } else {
                workspace.lastUse = ++uses;
                int slot = 0;
                for (int i = 0; i < MAX_IDLE; i++) {
                    if (idle[i] == null) {
                        slot = i;
                        break;
                    }
                    if (idle[i].lastUse < idle[slot].lastUse) {
                        slot = i;
                    }
                }
                evicted = idle[slot];
                idle[slot] = workspace;
            }
        }
        if (evicted != null) {
            evicted.free();
        }
    }

    /** Frees the idle workspaces; those still in use are freed when they are given back. */
    @Override
    public void close() {
        List<Workspace> freed = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (int i = 0; i < MAX_IDLE; i++) {
                if (idle[i] != null) {
                    freed.add(idle[i]);
                    idle[i] = null;
                }
            }
        }
        freed.forEach(Workspace::free);
    }

    /**
     * The input tensor, every layer's work tensors and the scalers' for one batch size, held by
     * one call at a time; closing it gives it back to the pool.
     */
    final class Workspace implements AutoCloseable {
        final int rows;
        final Tensor input;
        final Tensor[][] buffers;
        /** The feature scaler's work tensors, or null. */
        final Tensor[] featureWork;
        /** The target scaler's work tensors, or null. */
        final Tensor[] targetWork;
        long lastUse;

        private Workspace(int rows) {
            this.rows = rows;
            this.buffers = new Tensor[layers.size()][];
            List<Tensor> made = new ArrayList<>();
            try {
                this.input = track(made, backend.zeros(Shape.matrix(rows, inputSize)));
                for (int i = 0; i < buffers.length; i++) {
                    List<Shape> shapes = layers.get(i).inferenceBuffers(rows);
                    buffers[i] = new Tensor[shapes.size()];
                    for (int j = 0; j < shapes.size(); j++) {
                        buffers[i][j] = track(made, backend.zeros(shapes.get(j)));
                    }
                }
                this.featureWork = features == null ? null : track(made,
                        features.workTensors(rows));
                this.targetWork = targets == null ? null : track(made,
                        targets.workTensors(rows));
            } catch (RuntimeException e) {
                made.forEach(Tensor::close);
                throw e;
            }
        }

        private Tensor track(List<Tensor> made, Tensor tensor) {
            made.add(tensor);
            return tensor;
        }

        private Tensor[] track(List<Tensor> made, Tensor[] tensors) {
            made.addAll(List.of(tensors));
            return tensors;
        }

        @Override
        public void close() {
            giveBack(this);
        }

        private void free() {
            input.close();
            for (Tensor[] layer : buffers) {
                for (Tensor tensor : layer) {
                    tensor.close();
                }
            }
            for (Tensor[] work : new Tensor[][] {featureWork, targetWork}) {
                if (work != null) {
                    for (Tensor tensor : work) {
                        tensor.close();
                    }
                }
            }
        }
    }
}
