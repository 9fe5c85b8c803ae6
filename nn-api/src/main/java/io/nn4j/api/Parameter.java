package io.nn4j.api;

/**
 * A trainable tensor and a tensor of the same shape for the gradient of the loss with respect
 * to it.
 *
 * <p>The owning layer's backward pass writes what the {@link ParameterUpdate} it is given asks
 * for: the gradient into {@code gradient} (for optimizers that update after the backward pass,
 * and for reading the gradients), or plain SGD straight into {@code value}, leaving
 * {@code gradient} as it was.
 *
 * <p>Threads: the record is immutable; its tensors follow {@link Tensor}'s rules and are written by
 * the one thread that trains their network.
 *
 * @param name     a name unique within its network, e.g. {@code dense0.weights}
 * @param value    the parameter, updated in place by an optimizer
 * @param gradient written by the owning layer's backward pass when its update stores gradients
 */
public record Parameter(String name, Tensor value, Tensor gradient) {
}
