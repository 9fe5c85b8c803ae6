package io.nn4j.backend.opencl;

import java.util.Locale;

/**
 * The one table of kernel sizes, a row per GEMM kernel family, chosen by device type: typed
 * records ({@link ClBlockedGemm.Sizes}, {@link ClTiledGemm.Sizes}, {@link ClLaunchSizes}) that
 * the launchers read by name and that write the kernels' {@code -D NAME=value} build options.
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
    BLOCKED(new ClBlockedGemm.Sizes(8, 4, 2, 4, 64, 64, 2, 4, 16),
            new ClLaunchSizes(1024, 64, 4, 64)),
    /** Register-blocked GEMM for CPU devices with 16-float vectors (AVX-512): 8 × 32 blocks. */
    BLOCKED_WIDE(new ClBlockedGemm.Sizes(16, 8, 2, 4, 64, 64, 4, 4, 16),
            new ClLaunchSizes(1024, 64, 4, 64)),
    /**
     * Local-memory tiled GEMM for GPUs. A product of fewer tiles than compute units is split
     * along {@code k} into slices at least {@code SPLIT_MIN_K} deep, about
     * {@code SPLIT_GROUPS_PER_UNIT} work-groups per compute unit in all.
     */
    TILED(new ClTiledGemm.Sizes(64, 64, 16, 4, 4, 4, 64), new ClLaunchSizes(256, 64, 4, 256));

    /** The option that forces a row: {@code blocked}, {@code blocked_wide} or {@code tiled}. */
    static final String OPTION = "nn.opencl.gemm";

    private final ClGemm.Sizes gemm;
    private final ClLaunchSizes launch;

    /** A row: the GEMM family's sizes and the other kernels' work-group sizes. */
    ClTuning(ClGemm.Sizes gemm, ClLaunchSizes launch) {
        this.gemm = gemm;
        this.launch = launch;
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

    /** The GEMM family's sizes. */
    ClGemm.Sizes gemm() {
        return gemm;
    }

    /** The work-group sizes of the other kernels. */
    ClLaunchSizes launch() {
        return launch;
    }

    /**
     * The programs' build options: every size as {@code -D NAME=value} (the GEMM family's, then
     * the others'), then {@link ClApiConstants}'s codes and constants.
     */
    String buildOptions() {
        return gemm.buildOptions() + " " + launch.buildOptions() + " "
                + ClApiConstants.buildOptions();
    }

    /** The row and its sizes, e.g. {@code blocked_wide Sizes[vectorWidth=16, ...]}. */
    String describe() {
        return name().toLowerCase(Locale.ROOT) + " " + gemm + " " + launch;
    }
}
