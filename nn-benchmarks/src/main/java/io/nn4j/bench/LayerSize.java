package io.nn4j.bench;

/**
 * The size of one dense layer's products: a batch of {@code batch} rows of {@code in} features
 * mapped to {@code out} features, written {@code batch x in x out} (e.g. {@code 64x784x128}).
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param batch rows per batch
 * @param in    input features
 * @param out   output features
 */
public record LayerSize(int batch, int in, int out) {

    /**
     * Parses {@code batch x in x out}; {@code param} names the parameter in errors.
     *
     * @throws IllegalArgumentException when {@code value} is not three positive integers
     */
    public static LayerSize parse(String param, String value) {
        int[] dims = Sizes.parse(param, value, 3);
        return new LayerSize(dims[0], dims[1], dims[2]);
    }

    /** Floating-point operations of each of the layer's three products: {@code 2·batch·in·out}. */
    public double flops() {
        return 2.0 * batch * in * out;
    }
}
