/**
 * The MNIST demo: an IDX file reader, the verified MNIST files as training and test data sets,
 * and the {@code train} command line that trains a dense network on a chosen backend.
 */
package io.nn4j.mnist;
