package io.nn4j.api.spi;

/**
 * The one definition of which elements dropout keeps, so that every backend draws the same mask
 * from the same seed (a counter-based hash, no random-number state to carry).
 *
 * <p>In 32-bit unsigned arithmetic, with {@code mix(x)} the "lowbias32" integer hash
 * ({@code x ^= x >> 16; x *= 0x7feb352d; x ^= x >> 15; x *= 0x846ca68b; x ^= x >> 16}):
 * {@code key = mix(seedLow ^ mix(seedHigh ^ 0x85ebca6b))},
 * {@code h = mix(index * 0x9e3779b9 + key)}, {@code u = (h >> 8) · 2⁻²⁴} in {@code [0, 1)},
 * and the element is kept when {@code u ≥ rate}. A backend kernel implements exactly this.
 *
 * <p>Stateless: safe to call from any thread.
 */
public final class DropoutMask {

    private DropoutMask() {
    }

    /**
     * Whether element {@code index} survives dropout at {@code rate} for {@code seed}.
     *
     * @param seed the mask's seed
     * @param index the element's row-major index
     * @param rate the probability of dropping it, in {@code [0, 1)}
     * @return true when the element is kept
     */
    public static boolean keep(long seed, int index, float rate) {
        return uniform(seed, index) >= rate;
    }

    /**
     * The uniform number in {@code [0, 1)} drawn for element {@code index}: a multiple of 2⁻²⁴.
     *
     * @param seed the mask's seed
     * @param index the element's row-major index
     * @return the number, in {@code [0, 1)}
     */
    public static float uniform(long seed, int index) {
        int key = mix((int) seed ^ mix((int) (seed >>> 32) ^ 0x85ebca6b));
        int h = mix(index * 0x9e3779b9 + key);
        return (h >>> 8) * 0x1.0p-24f;
    }

    /**
     * The value a kept element is multiplied by: {@code 1 / (1 − rate)}, in float.
     *
     * @param rate the dropout rate, in {@code [0, 1)}
     * @return the scale of the kept elements
     */
    public static float scale(float rate) {
        return 1f / (1f - rate);
    }

    private static int mix(int x) {
        x ^= x >>> 16;
        x *= 0x7feb352d;
        x ^= x >>> 15;
        x *= 0x846ca68b;
        x ^= x >>> 16;
        return x;
    }
}
