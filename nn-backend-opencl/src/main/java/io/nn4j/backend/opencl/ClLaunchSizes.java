package io.nn4j.backend.opencl;

/**
 * The work-group sizes of the kernels other than GEMM, fixed per device type (PoCL compiles a
 * kernel again for every new work-group size). Immutable.
 *
 * @param localSize       the work-group size of 1-D elementwise and per-row kernels
 * @param matrixLocalCols columns of the work-group of kernels over a matrix's elements
 * @param matrixLocalRows rows of that work-group
 * @param reduceSize      the work-group size of the single-work-group reductions, a power of two
 */
record ClLaunchSizes(int localSize, int matrixLocalCols, int matrixLocalRows, int reduceSize) {

    /** The sizes as the kernels' build options. */
    String buildOptions() {
        return "-D LOCAL_SIZE=" + localSize + " -D MATRIX_LOCAL_COLS=" + matrixLocalCols
                + " -D MATRIX_LOCAL_ROWS=" + matrixLocalRows + " -D REDUCE_SIZE=" + reduceSize;
    }
}
