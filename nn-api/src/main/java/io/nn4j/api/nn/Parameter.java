package io.nn4j.api.nn;

import io.nn4j.api.Tensor;

/**
 * A trainable tensor and the gradient of the loss with respect to it, of the same shape.
 *
 * <p>Threads: the record is immutable; its tensors follow {@link Tensor}'s rules and are written by
 * the one thread that trains their network.
 *
 * @param name     a name unique within its network, e.g. {@code dense0.weights}
 * @param value    the parameter, updated in place by an optimizer
 * @param gradient written by the owning layer's backward pass
 */
public record Parameter(String name, Tensor value, Tensor gradient) {
}
