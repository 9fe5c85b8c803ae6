package io.nn4j.backend.opencl;

import io.nn4j.api.Activation;

import org.jocl.Pointer;

/**
 * The CPU-device GEMM ({@code gemm_blocked.cl}). {@code A·Bᵀ} (a dense layer's forward pass)
 * runs as blocks of dot products straight from both tensors. Every other form packs
 * {@code op(B)} into contiguous column strips in a scratch buffer (unless {@code B} is
 * row-major and whole strips wide, when it is read in place), then runs the barrier-free
 * register-blocked product, with strips of one vector when {@code C} is no wider than a
 * vector. The scratch grows to the largest {@code op(B)} seen and is reused, so a warm
 * training step allocates nothing.
 */
final class ClBlockedGemm implements ClGemm {
    /**
     * The most outputs of a layer whose backward pass runs as one {@code dense_backward}: its
     * work-items loop over the outputs, which pays for a classifier's head and S's hidden layer
     * but not for wide layers, whose products are better blocked.
     */
    static final int NARROW_OUTPUTS = 128;

    private final ClScratch packing;
    private final ClLaunch launch;
    private final ClKernel pack;
    private final ClKernel packTransposed;
    private final ClKernel product;
    private final ClKernel narrowProduct;
    private final ClKernel dotProduct;
    private final ClKernel denseNt;
    private final ClKernel denseNtSoftmax;
    private final ClKernel denseBackward;
    private final int vector;
    private final int rows;
    private final int wideStrip;
    private final int localRows;
    private final int packLocal;
    private final int packK;
    private final int dotRows;
    private final int dotCols;
    private final int dotLocalCols;

    ClBlockedGemm(Sizes sizes, ClProgramCache programs, ClBuffers buffers, ClLaunch launch) {
        this.packing = new ClScratch(buffers, "the GEMM packing buffer");
        this.launch = launch;
        String program = sizes.program();
        this.pack = programs.kernel(program, "pack_b");
        this.packTransposed = programs.kernel(program, "pack_bt");
        this.product = programs.kernel(program, "gemm_blocked");
        this.narrowProduct = programs.kernel(program, "gemm_blocked_narrow");
        this.dotProduct = programs.kernel(program, "gemm_nt");
        this.denseNt = programs.kernel(program, "dense_nt");
        this.denseNtSoftmax = programs.kernel(program, "dense_nt_softmax");
        this.denseBackward = programs.kernel(program, "dense_backward");
        this.vector = sizes.vectorWidth();
        this.rows = sizes.rows();
        this.wideStrip = sizes.stripWidth();
        this.localRows = sizes.gemmLocalRows();
        this.packLocal = sizes.packLocal();
        this.packK = sizes.packK();
        this.dotRows = sizes.dotRows();
        this.dotCols = sizes.dotCols();
        this.dotLocalCols = sizes.dotLocalCols();
    }

    /**
     * The sizes of {@code gemm_blocked.cl}. Immutable.
     *
     * @param vectorWidth   floats per vector ({@code VW}): 8 or 16
     * @param rows          rows of a strip each work-item keeps ({@code ROWS})
     * @param stripVectors  vectors per strip of the wide product ({@code STRIP_VECS})
     * @param gemmLocalRows work-items per work-group of the product ({@code GEMM_LOCAL_ROWS})
     * @param packLocal     work-group size of the packing kernels ({@code PACK_LOCAL})
     * @param packK         rows of {@code op(B)} a packing work-item copies ({@code PACK_K})
     * @param dotRows       rows of the dot-product blocks of {@code A·Bᵀ} ({@code DOT_ROWS})
     * @param dotCols       columns of those blocks ({@code DOT_COLS})
     * @param dotLocalCols  work-group columns of the dot-product kernel ({@code DOT_LOCAL_COLS})
     */
    record Sizes(int vectorWidth, int rows, int stripVectors, int gemmLocalRows, int packLocal,
                 int packK, int dotRows, int dotCols, int dotLocalCols) implements ClGemm.Sizes {

        /** Floats per strip of the wide product. */
        int stripWidth() {
            return vectorWidth * stripVectors;
        }

        @Override
        public String program() {
            return "gemm_blocked.cl";
        }

        @Override
        public String buildOptions() {
            return "-D VW=" + vectorWidth + " -D ROWS=" + rows + " -D STRIP_VECS=" + stripVectors
                    + " -D GEMM_LOCAL_ROWS=" + gemmLocalRows + " -D PACK_LOCAL=" + packLocal
                    + " -D PACK_K=" + packK + " -D DOT_ROWS=" + dotRows + " -D DOT_COLS=" + dotCols
                    + " -D DOT_LOCAL_COLS=" + dotLocalCols;
        }
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, float alpha, ClTensor a, ClTensor b,
                     float beta, ClTensor c) {
        int m = c.shape().rows();
        int n = c.shape().cols();
        int k = transposeA ? a.shape().rows() : a.shape().cols();
        if (transposeB && !transposeA) {
            launch.kernel(dotProduct).ints(m).ints(n).ints(k).floats(alpha).floats(beta)
                    .mem(a.argument()).mem(b.argument()).mem(c.argument())
                    .run2((m + dotRows - 1) / dotRows, 1, (n + dotCols - 1) / dotCols,
                            dotLocalCols);
            return;
        }
        int strip = stripFor(n);
        int strips = (n + strip - 1) / strip;
        // Row-major B whose width is whole strips already holds every strip's rows at a fixed
        // stride: the product reads it in place and the packing pass is skipped.
        boolean inPlace = !transposeB && n % strip == 0;
        Pointer source = b.argument();
        if (!inPlace) {
            source = packing.atLeast((long) strips * strip * k * Float.BYTES);
            pack(b, transposeB, k, n, strip, source);
        }
        launch.kernel(strip == vector ? narrowProduct : product).ints(m).ints(n).ints(k)
                .floats(alpha).floats(beta).mem(a.argument()).ints(transposeA ? 1 : k)
                .ints(transposeA ? m : 1).mem(source).ints(inPlace ? strip : k * strip)
                .ints(inPlace ? n : strip).mem(c.argument())
                .run2((m + rows - 1) / rows, localRows, strips, 1);
    }

    /** The strip width a product with {@code n} columns uses: one vector, or a wide strip. */
    int stripFor(int n) {
        return n <= vector ? vector : wideStrip;
    }

    /**
     * Queues the packing of {@code op(B)} ({@code k × n}) into {@code packed}: strips of
     * {@code strip} columns, each {@code k} rows of {@code strip} floats, zero past column n.
     * Writes exactly {@code ceil(n / strip) · strip · k} floats.
     */
    void pack(ClTensor b, boolean transposeB, int k, int n, int strip, Pointer packed) {
        int strips = (n + strip - 1) / strip;
        if (transposeB) {
            launch.kernel(packTransposed).mem(b.argument()).mem(packed).ints(k).ints(n).ints(strip)
                    .run2((long) strips * strip, packLocal, (k + packK - 1) / packK, 1);
        } else {
            launch.kernel(pack).mem(b.argument()).mem(packed).ints(k).ints(n).ints(strip)
                    .run2(k, packLocal, strips, 1);
        }
    }

    /**
     * {@code gemm_nt}'s blocks with the bias and the activation applied as they are stored
     * ({@code dense_nt}); for softmax, whole rows per work-item ({@code dense_nt_softmax}).
     */
    @Override
    public boolean denseForward(Activation f, ClTensor x, ClTensor w, ClTensor bias, ClTensor z,
                                ClTensor a) {
        int m = z.shape().rows();
        int n = z.shape().cols();
        int k = x.shape().cols();
        if (f == Activation.SOFTMAX) {
            launch.kernel(denseNtSoftmax).ints(m).ints(n).ints(k).mem(x.argument())
                    .mem(w.argument()).mem(bias.argument()).mem(z.argument()).mem(a.argument())
                    .run1((m + dotRows - 1) / dotRows, 1);
        } else {
            launch.kernel(denseNt).ints(m).ints(n).ints(k).mem(x.argument()).mem(w.argument())
                    .mem(bias.argument()).mem(z.argument()).mem(a.argument())
                    .ints(ClApiConstants.code(f))
                    .run2((m + dotRows - 1) / dotRows, 1, (n + dotCols - 1) / dotCols,
                            dotLocalCols);
        }
        return true;
    }

    /**
     * {@code dense_backward}, where each work-item owns a strip of columns and loops over the
     * layer's outputs: for layers of at most {@value #NARROW_OUTPUTS} outputs below an
     * elementwise activation (a softmax below needs its rows).
     */
    @Override
    public boolean denseBackward(ClTensor dZ, ClTensor x, ClTensor w, Activation inputActivation,
                                 ClTensor inputZ, ClTensor inputGradient, float weightAlpha,
                                 float weightBeta, ClTensor weightTarget, float biasAlpha,
                                 float biasBeta, ClTensor biasTarget) {
        int n = dZ.shape().cols();
        boolean propagate = inputGradient != null;
        if (n > NARROW_OUTPUTS || (propagate && inputActivation == Activation.SOFTMAX)) {
            return false;
        }
        int k = x.shape().cols();
        // Without an input gradient the kernel reads neither argument: X stands in for both.
        ClTensor zIn = propagate ? inputZ : x;
        ClTensor gradIn = propagate ? inputGradient : x;
        launch.kernel(denseBackward).ints(dZ.shape().rows()).ints(n).ints(k)
                .mem(dZ.argument()).mem(x.argument()).mem(w.argument()).mem(zIn.argument())
                .mem(gradIn.argument()).ints(propagate ? 1 : 0)
                .ints(ClApiConstants.code(propagate ? inputActivation : Activation.IDENTITY))
                .floats(weightAlpha).floats(weightBeta).mem(weightTarget.argument())
                .floats(biasAlpha).floats(biasBeta).mem(biasTarget.argument())
                .run1((k + wideStrip - 1) / wideStrip, 1);
        return true;
    }

    @Override
    public void close() {
        packing.close();
    }
}
