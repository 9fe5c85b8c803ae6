/**
 * The training report: PNG charts of loss and accuracy per epoch and the confusion matrix as a
 * heat map (XChart), pictures of misclassified test images and of the first layer's weights
 * (plain {@link java.awt.image.BufferedImage}s), all rendered headless.
 */
package io.nn4j.mnist.report;
