package io.nn4j.mnist;

import io.nn4j.api.train.Dataset;
import java.util.Arrays;

/**
 * Images with their class labels, held on the host: one image per row of pixel intensities,
 * row-major, as the unsigned bytes of the files (a quarter of the memory of floats). Pixel
 * values are the intensities over {@value #MAX_INTENSITY}, in {@code [0, 1]}, wherever they are
 * read. Gives the training views the demo needs: one-hot classes, or one class against the rest
 * (data sets that keep the bytes, {@link Dataset#ofUnsignedBytes}).
 *
 * <p>Never modified after it is made: safe to share between threads.
 */
public final class LabeledImages {
    /** The intensity of a white pixel: a pixel's value is its intensity over this. */
    public static final float MAX_INTENSITY = 255f;

    private final byte[] pixels;
    private final int pixelsPerImage;
    private final int[] labels;
    private final int classes;

    /**
     * Images of intensities {@code pixels} (unsigned bytes, {@code labels.length} rows of
     * {@code pixelsPerImage}) of classes in {@code [0, classes)}. The arrays are kept, not
     * copied.
     *
     * @throws IllegalArgumentException when the sizes disagree or a label is out of range
     */
    public LabeledImages(byte[] pixels, int pixelsPerImage, int[] labels, int classes) {
        if (pixelsPerImage < 1 || labels.length == 0
                || pixels.length != (long) labels.length * pixelsPerImage) {
            throw new IllegalArgumentException(pixels.length + " pixels for " + labels.length
                    + " labels; expected at least one image of " + pixelsPerImage + " pixels each");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i]
                        + "; expected a class in [0, " + classes + ")");
            }
        }
        this.pixels = pixels;
        this.pixelsPerImage = pixelsPerImage;
        this.labels = labels;
        this.classes = classes;
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Pixels per image. */
    public int pixelsPerImage() {
        return pixelsPerImage;
    }

    /** Number of classes. */
    public int classes() {
        return classes;
    }

    /** The class of image {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** Image {@code i}'s pixel values, in {@code [0, 1]}. */
    public float[] image(int i) {
        float[] image = new float[pixelsPerImage];
        copyPixels(i, 1, image);
        return image;
    }

    /** Writes the pixel values of images {@code from … from + count − 1} into {@code dst}. */
    void copyPixels(int from, int count, float[] dst) {
        for (int p = 0; p < count * pixelsPerImage; p++) {
            dst[p] = (pixels[from * pixelsPerImage + p] & 0xFF) / MAX_INTENSITY;
        }
    }

    /** The first {@code count} images (all of them when {@code count} is at least the size). */
    public LabeledImages first(int count) {
        if (count >= size()) {
            return this;
        }
        return new LabeledImages(Arrays.copyOf(pixels, count * pixelsPerImage), pixelsPerImage,
                Arrays.copyOf(labels, count), classes);
    }

    /** A data set with one-hot targets over the classes. */
    public Dataset oneHot() {
        return Dataset.ofClasses(pixels, pixelsPerImage, MAX_INTENSITY, labels, classes);
    }

    /**
     * A data set for a yes/no classifier: one target per image, 1 for class {@code positive} and
     * 0 for every other class.
     *
     * @throws IllegalArgumentException when {@code positive} is not a class
     */
    public Dataset oneAgainstRest(int positive) {
        return Dataset.ofUnsignedBytes(pixels, pixelsPerImage, MAX_INTENSITY, isClass(positive),
                1);
    }

    private float[] isClass(int positive) {
        if (positive < 0 || positive >= classes) {
            throw new IllegalArgumentException("positive class " + positive
                    + " is not a class; expected one in [0, " + classes + ")");
        }
        float[] targets = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            targets[i] = labels[i] == positive ? 1f : 0f;
        }
        return targets;
    }
}
