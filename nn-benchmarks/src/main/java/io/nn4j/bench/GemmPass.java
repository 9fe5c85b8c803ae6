package io.nn4j.bench;

import io.nn4j.api.Shape;

/**
 * The three matrix products of a dense layer, each with the transposes the layer passes to
 * {@code gemm}. For a layer {@code X [batch, in]}, {@code W [out, in]},
 * {@code dZ [batch, out]}: forward {@code Z = X·Wᵀ}, weight gradient {@code dW = dZᵀ·X}, input
 * gradient {@code dX = dZ·W}. All three take {@code 2·batch·in·out} flops.
 *
 * <p>Immutable: safe to share between threads.
 */
public enum GemmPass {
    /** {@code Z = X·Wᵀ}: B transposed. */
    FORWARD("Z = X·Wᵀ", false, true),
    /** {@code dW = dZᵀ·X}: A transposed. */
    WEIGHT_GRADIENT("dW = dZᵀ·X", true, false),
    /** {@code dX = dZ·W}: no transpose. */
    INPUT_GRADIENT("dX = dZ·W", false, false);

    private final String formula;
    private final boolean transposeA;
    private final boolean transposeB;

    GemmPass(String formula, boolean transposeA, boolean transposeB) {
        this.formula = formula;
        this.transposeA = transposeA;
        this.transposeB = transposeB;
    }

    /** The product as the layer writes it, e.g. {@code Z = X·Wᵀ}. */
    public String formula() {
        return formula;
    }

    /** The transposes as BLAS writes them: {@code N} or {@code T} for A, then for B. */
    public String transposes() {
        return (transposeA ? "T" : "N") + (transposeB ? "T" : "N");
    }

    /** Whether {@code gemm} reads A transposed. */
    public boolean transposeA() {
        return transposeA;
    }

    /** Whether {@code gemm} reads B transposed. */
    public boolean transposeB() {
        return transposeB;
    }

    /** The stored shape of A: {@code X} for the forward product, {@code dZ} otherwise. */
    Shape a(LayerSize size) {
        return this == FORWARD ? Shape.matrix(size.batch(), size.in())
                : Shape.matrix(size.batch(), size.out());
    }

    /** The stored shape of B: {@code X} for the weight gradient, {@code W} otherwise. */
    Shape b(LayerSize size) {
        return this == WEIGHT_GRADIENT ? Shape.matrix(size.batch(), size.in())
                : Shape.matrix(size.out(), size.in());
    }

    /** The shape of C: {@code Z}, {@code dW} or {@code dX}. */
    Shape c(LayerSize size) {
        return switch (this) {
            case FORWARD -> Shape.matrix(size.batch(), size.out());
            case WEIGHT_GRADIENT -> Shape.matrix(size.out(), size.in());
            case INPUT_GRADIENT -> Shape.matrix(size.batch(), size.in());
        };
    }

    /** The inner dimension {@code k} of {@code op(A) [m, k] · op(B) [k, n]}. */
    int inner(LayerSize size) {
        return switch (this) {
            case FORWARD -> size.in();
            case WEIGHT_GRADIENT -> size.batch();
            case INPUT_GRADIENT -> size.out();
        };
    }
}
