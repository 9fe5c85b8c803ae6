/**
 * Networks: {@link io.nn4j.api.nn.Sequential} stacks of {@link io.nn4j.api.nn.Layer}s such as
 * {@link io.nn4j.api.nn.Dense}, their {@link io.nn4j.api.Parameter}s and how those start.
 */
package io.nn4j.api.nn;
