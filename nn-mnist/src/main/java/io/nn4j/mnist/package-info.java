/**
 * The MNIST demo: the IDX reader, MNIST and Fashion-MNIST as verified labelled images, and the
 * {@code nn-mnist} command line ({@link io.nn4j.mnist.MnistDemo}) with its {@code train},
 * {@code eval}, {@code predict}, {@code binary}, {@code backends} and {@code explain} commands,
 * their shared options, progress display and backend timing.
 */
package io.nn4j.mnist;
