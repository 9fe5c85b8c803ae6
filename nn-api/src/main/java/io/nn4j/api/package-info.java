/**
 * The user-facing core of nn4j: tensors, shapes, backends and how one is chosen at run time.
 *
 * <p>Start with {@link io.nn4j.api.Backends#load()} to open a backend, build a network with
 * {@link io.nn4j.api.nn.Sequential}, and train it with {@link io.nn4j.api.train.Trainer}.
 */
package io.nn4j.api;
