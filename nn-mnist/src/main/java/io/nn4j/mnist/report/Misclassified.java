package io.nn4j.mnist.report;

/**
 * A test image the network got wrong, for the report's picture grid.
 *
 * <p>Threads: safe to share as long as nobody writes the pixel array it holds.
 *
 * @param pixels    the image, row-major intensities in {@code [0, 1]}
 * @param actual    the name of its true class
 * @param predicted the name of the class the network chose
 */
public record Misclassified(float[] pixels, String actual, String predicted) {
}
