package io.nn4j.backend.opencl;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one table of kernel sizes, a row per GEMM kernel family, chosen by device type. Every
 * value reaches the kernels as a {@code -D NAME=value} build option and the launchers as the
 * matching work sizes.
 *
 * <ul>
 *   <li>{@link #BLOCKED} and {@link #BLOCKED_WIDE} (CPU devices such as PoCL): barrier-free
 *       register blocking ({@code gemm_blocked.cl}). Each work-item keeps {@code ROWS} rows
 *       of a strip of {@code STRIP_VECS} vectors of {@code VW} floats in accumulators and
 *       reads {@code B} packed into contiguous column strips; for {@code A·Bᵀ} it keeps
 *       {@code DOT_ROWS × DOT_COLS} dot products as vectors along {@code k} instead. The wide
 *       row fits devices with 16-float (512-bit) vectors and their 32 vector registers, the
 *       other one 8-float vectors and 16 registers.</li>
 *   <li>{@link #TILED} (GPUs): the classic local-memory tiling, {@code TILE_M × TILE_N} per
 *       work-group, {@code WPT_M × WPT_N} per work-item, split along {@code k} when there are
 *       too few tiles to fill the device ({@code gemm_tiled.cl}).</li>
 * </ul>
 * {@code LOCAL_SIZE} is the work-group size of 1-D elementwise and per-row kernels,
 * {@code MATRIX_LOCAL_COLS × MATRIX_LOCAL_ROWS} that of kernels over the elements of a matrix,
 * {@code REDUCE_SIZE} (a power of two) that of the single-work-group reductions. On PoCL a
 * work-group is a loop on one thread, so large groups cost less; and PoCL compiles a kernel
 * again for every new work-group size, so every size is fixed here, never derived from shapes.
 */
enum ClTuning {
    /** Register-blocked GEMM for CPU devices with 8-float vectors (AVX2): 4 × 16 blocks. */
    BLOCKED("gemm_blocked.cl", "VW=8 ROWS=4 STRIP_VECS=2 GEMM_LOCAL_ROWS=4 PACK_LOCAL=64 "
            + "PACK_K=64 DOT_ROWS=2 DOT_COLS=4 DOT_LOCAL_COLS=16 LOCAL_SIZE=1024 "
            + "MATRIX_LOCAL_COLS=64 MATRIX_LOCAL_ROWS=4 REDUCE_SIZE=64"),
    /** Register-blocked GEMM for CPU devices with 16-float vectors (AVX-512): 8 × 32 blocks. */
    BLOCKED_WIDE("gemm_blocked.cl", "VW=16 ROWS=8 STRIP_VECS=2 GEMM_LOCAL_ROWS=4 PACK_LOCAL=64 "
            + "PACK_K=64 DOT_ROWS=4 DOT_COLS=4 DOT_LOCAL_COLS=16 LOCAL_SIZE=1024 "
            + "MATRIX_LOCAL_COLS=64 MATRIX_LOCAL_ROWS=4 REDUCE_SIZE=64"),
    /**
     * Local-memory tiled GEMM for GPUs. A product of fewer tiles than compute units is split
     * along {@code k} into slices at least {@code SPLIT_MIN_K} deep, about
     * {@code SPLIT_GROUPS_PER_UNIT} work-groups per compute unit in all.
     */
    TILED("gemm_tiled.cl", "TILE_M=64 TILE_N=64 TILE_K=16 WPT_M=4 WPT_N=4 SPLIT_GROUPS_PER_UNIT=4 "
            + "SPLIT_MIN_K=64 LOCAL_SIZE=256 MATRIX_LOCAL_COLS=64 MATRIX_LOCAL_ROWS=4 "
            + "REDUCE_SIZE=256");

    /** The option that forces a row: {@code blocked}, {@code blocked_wide} or {@code tiled}. */
    static final String OPTION = "nn.opencl.gemm";

    private final String gemmProgram;
    private final Map<String, Integer> values;

    /** A row: the GEMM program and its sizes as {@code NAME=value} pairs. */
    ClTuning(String gemmProgram, String sizes) {
        this.gemmProgram = gemmProgram;
        this.values = new TreeMap<>();
        for (String pair : sizes.trim().split("\\s+")) {
            String[] nameValue = pair.split("=");
            values.put(nameValue[0], Integer.valueOf(nameValue[1]));
        }
    }

    /**
     * {@link #TILED} for GPUs; for other devices {@link #BLOCKED_WIDE} when their native
     * vectors hold 16 floats, else {@link #BLOCKED}; unless {@code override} ({@value #OPTION})
     * names a row.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    static ClTuning forDevice(ClDeviceInfo device, String override) {
        if (override == null || override.isBlank()) {
            if (device.isGpu()) {
                return TILED;
            }
            return device.floatVectorWidth() >= 16 ? BLOCKED_WIDE : BLOCKED;
        }
        String wanted = override.trim().toUpperCase(Locale.ROOT);
        for (ClTuning tuning : values()) {
            if (tuning.name().equals(wanted)) {
                return tuning;
            }
        }
        throw new IllegalArgumentException(OPTION + " is '" + override
                + "'; expected blocked, blocked_wide or tiled");
    }

    /** The resource holding this family's GEMM kernels. */
    String gemmProgram() {
        return gemmProgram;
    }

    /**
     * The value of one size.
     *
     * @throws IllegalStateException when this row has no such size
     */
    int value(String name) {
        Integer value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("the " + this + " kernel table has no " + name);
        }
        return value;
    }

    /** Every size as {@code -D NAME=value}, in name order. */
    String buildOptions() {
        return values.entrySet().stream().map(e -> "-D " + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** The row and its sizes, e.g. {@code blocked_wide {GEMM_LOCAL_ROWS=4, ...}}. */
    String describe() {
        return name().toLowerCase(Locale.ROOT) + " " + values;
    }
}
