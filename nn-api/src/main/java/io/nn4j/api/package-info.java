/**
 * The user-facing core of nn4j: tensors, shapes, backends and how one is chosen at run time,
 * and the vocabulary layers and optimizers share: a {@link io.nn4j.api.Parameter} and how a
 * backward pass applies its update ({@link io.nn4j.api.ParameterUpdate}).
 *
 * <p>Start with {@link io.nn4j.api.Backends#load()} to open a backend, build a network with
 * {@link io.nn4j.api.nn.Sequential}, and train it with {@link io.nn4j.api.train.Trainer}.
 */
package io.nn4j.api;
