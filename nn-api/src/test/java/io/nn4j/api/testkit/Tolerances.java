package io.nn4j.api.testkit;

/**
 * Every tolerance of the conformance kit, in one place, each with the reason for its size.
 *
 * <p>Unless a method says otherwise a tolerance bounds the relative error
 * {@code ‖out − ref‖₂ / ‖ref‖₂} of a float32 backend output against the float64 reference
 * (see {@link KitAssertions#assertClose}). On top of that norm, the worst single element may be
 * off by at most {@link #WORST_ELEMENT_FACTOR} times the tolerance, measured in units of the
 * reference's root mean square, so that one wrong element cannot hide in a large output.
 */
public final class Tolerances {

    /**
     * Ops that round once or a few times per element (bias add, activations, their backward
     * products, loss gradients, optimizer updates, scaling). float32 carries 24 bits (unit
     * round-off 6e-8); even a device's fast {@code exp}/{@code tanh} (a few ulps) stays two
     * orders of magnitude under this, while a wrong formula lands far above it.
     */
    public static final double ELEMENTWISE = 1e-5;

    /**
     * How far the worst element may stray, in tolerances times the reference's RMS. A norm over
     * {@code N} elements dilutes a single wrong element by {@code √N} (512× for a 256×1024
     * output); rounding noise is spread evenly, so its worst element is only a few RMS out.
     */
    public static final double WORST_ELEMENT_FACTOR = 10;

    /**
     * The gradient check: analytic gradients from the backend (float32) against central
     * differences of the float64 reference. float32 round-off leaves ~1e-6; a wrong term in a
     * backward pass shows as 1e-2 or more.
     */
    public static final double GRADIENT_CHECK = 1e-3;

    /**
     * Per-step training losses of two backends fed the same seed and data. Different
     * summation orders drift apart slowly over a few hundred steps; a wrong op makes them part
     * at once.
     */
    public static final double CROSS_BACKEND_LOSS = 1e-3;

    /**
     * Parameters after the same few SGD steps taken two ways on one backend: through the
     * gradients, and with the update folded into the weight-gradient GEMM (plain {@code Sgd}'s
     * {@code parameterUpdate()}).
     * They differ by a few float32 roundings per step (~1e-7); a wrong scale, sign or order (an
     * input gradient taken from already-updated weights) moves them by a share of the
     * learning rate, 1e-4 or more.
     */
    public static final double IN_PLACE_UPDATE = 1e-5;

    /**
     * Ops whose results are exact in float32: argmax indices, correct counts, fill, copy,
     * moving data in and out. Any difference is a bug.
     */
    public static final double EXACT = 0;

    private Tolerances() {
    }

    /**
     * A product whose every element is a {@code length}-long dot product (GEMM with inner size
     * {@code k}, column sums over {@code r} rows). Summing terms of mixed signs in float32
     * gives a relative error growing like {@code u·√length} for a well-ordered sum; the factor
     * 1e-5 leaves room for blocked and tree orders without letting a wrong element through.
     */
    public static double dotProduct(int length) {
        return 1e-5 * Math.sqrt(length);
    }

    /**
     * A loss summed over {@code elements} non-negative terms ({@code accumulateLoss}). Without
     * cancellation the float32 error grows like {@code u·√n}; the 1e-6 floor covers the final
     * rounding into a float accumulator.
     */
    public static double positiveSum(int elements) {
        return 1e-6 * (1 + Math.sqrt(elements));
    }

}
