package io.nn4j.backend.opencl;

import io.nn4j.api.Tensor;
import io.nn4j.api.spi.CheckedKeptRows;
import java.util.Arrays;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/**
 * A data set kept in device memory ({@code Backend.keepRows}): the features, the targets and
 * the current order, each uploaded once; a batch is gathered by one kernel launch. Features
 * that take at most 256 distinct values (MNIST's {@code p / 255} of its bytes) are kept as
 * one byte each and a palette of their float values, so the device turns them back into the
 * very floats the host holds, bit for bit. The buffers are the backend's own (not counted as
 * tensors by {@code memory()}) and are released on {@link #close()} or when the backend closes.
 *
 * <p>Threads: one thread's at a time; its device work runs under the backend's lock.
 */
final class ClKeptRows extends CheckedKeptRows {
    /** The most distinct feature values kept as bytes. */
    static final int PALETTE = 256;

    private final OpenClBackend backend;
    private final ClBuffers buffers;
    private final ClLayerOps ops;
    private final cl_mem features;
    private final cl_mem palette;
    private final cl_mem targets;
    private final Pointer featuresArgument;
    private final Pointer paletteArgument;
    private final Pointer targetsArgument;
    private final ClScratch order;
    private Pointer orderArgument;

    private ClKeptRows(OpenClBackend backend, ClBuffers buffers, ClLayerOps ops, int size,
                       int featureCount, int targetCount, cl_mem features, cl_mem palette,
                       cl_mem targets) {
        super(backend, size, featureCount, targetCount);
        this.backend = backend;
        this.buffers = buffers;
        this.ops = ops;
        this.features = features;
        this.palette = palette;
        this.targets = targets;
        this.featuresArgument = Pointer.to(features);
        this.paletteArgument = palette == null ? null : Pointer.to(palette);
        this.targetsArgument = Pointer.to(targets);
        this.order = new ClScratch(buffers, "the order of kept rows");
    }

    /**
     * Uploads the data set when it fits in a quarter of the device's global memory (and each
     * buffer in its largest allocation), else returns null: features of at most
     * {@value #PALETTE} distinct values as codes and a palette, others as floats. Called under
     * the backend's lock.
     */
    static ClKeptRows keep(OpenClBackend backend, ClBuffers buffers, ClLayerOps ops,
                           ClDeviceInfo device, float[] features, int featureCount, int size,
                           float[] targets, int targetCount) {
        long rest = (long) size * Integer.BYTES + (long) targets.length * Float.BYTES;
        if (fits(device, features.length, rest + (long) PALETTE * Float.BYTES)) {
            float[] palette = new float[PALETTE];
            byte[] codes = pack(features, palette);
            if (codes != null) {
                return upload(backend, buffers, ops, Pointer.to(codes), codes.length, palette,
                        featureCount, size, targets, targetCount);
            }
        }
        long featureBytes = (long) features.length * Float.BYTES;
        if (!fits(device, featureBytes, rest)) {
            return null;
        }
        return upload(backend, buffers, ops, Pointer.to(features), featureBytes, null,
                featureCount, size, targets, targetCount);
    }

    /**
     * Uploads a data set whose features come as codes into {@code palette} (checked: every code
     * indexes it), when it fits as {@link #keep(OpenClBackend, ClBuffers, ClLayerOps,
     * ClDeviceInfo, float[], int, int, float[], int)} says, else returns null.
     */
    static ClKeptRows keep(OpenClBackend backend, ClBuffers buffers, ClLayerOps ops,
                           ClDeviceInfo device, byte[] codes, float[] palette, int featureCount,
                           int size, float[] targets, int targetCount) {
        long rest = (long) size * Integer.BYTES + (long) targets.length * Float.BYTES;
        if (!fits(device, codes.length, rest + (long) PALETTE * Float.BYTES)) {
            return null;
        }
        return upload(backend, buffers, ops, Pointer.to(codes), codes.length,
                Arrays.copyOf(palette, PALETTE), featureCount, size, targets, targetCount);
    }

    /**
     * Allocates and writes the buffers: features as codes with {@code palette}, or as floats
     * when it is null; releases what it made if a step fails.
     */
    private static ClKeptRows upload(OpenClBackend backend, ClBuffers buffers, ClLayerOps ops,
                                     Pointer features, long featureBytes, float[] palette,
                                     int featureCount, int size, float[] targets,
                                     int targetCount) {
        long targetBytes = (long) targets.length * Float.BYTES;
        cl_mem featureBuffer = buffers.allocate(featureBytes, "kept features");
        cl_mem paletteBuffer = null;
        cl_mem targetBuffer = null;
        try {
            paletteBuffer = palette == null ? null
                    : buffers.allocate((long) PALETTE * Float.BYTES, "kept feature palette");
            targetBuffer = buffers.allocate(targetBytes, "kept targets");
            buffers.write(features, featureBuffer, featureBytes);
            if (palette != null) {
                buffers.write(Pointer.to(palette), paletteBuffer, (long) PALETTE * Float.BYTES);
            }
            buffers.write(Pointer.to(targets), targetBuffer, targetBytes);
        } catch (RuntimeException e) {
            for (cl_mem made : new cl_mem[] {featureBuffer, paletteBuffer, targetBuffer}) {
                if (made != null) {
                    buffers.release(made);
                }
            }
            throw e;
        }
        return new ClKeptRows(backend, buffers, ops, size, featureCount, targetCount,
                featureBuffer, paletteBuffer, targetBuffer);
    }

    /**
     * Whether a buffer of {@code bytes} and others of {@code others} bytes fit: the buffer in
     * the device's largest allocation, all together in a quarter of its global memory.
     */
    static boolean fits(ClDeviceInfo device, long bytes, long others) {
        return bytes <= device.maxAllocBytes() && bytes + others <= device.globalMemBytes() / 4;
    }

    /**
     * {@code values} as indices into {@code palette}, which receives their distinct values
     * (compared bit for bit) in order of first appearance; or null when there are more than
     * {@value #PALETTE}.
     */
    static byte[] pack(float[] values, float[] palette) {
        int slots = 4 * PALETTE;
        int[] keys = new int[slots];
        int[] indexOf = new int[slots];
        Arrays.fill(indexOf, -1);
        byte[] packed = new byte[values.length];
        int distinct = 0;
        int lastBits = 0;
        byte lastIndex = -1;
        boolean seen = false;
        for (int i = 0; i < values.length; i++) {
            int bits = Float.floatToRawIntBits(values[i]);
            if (seen && bits == lastBits) {
                packed[i] = lastIndex;
                continue;
            }
            int slot = (bits * 0x9E3779B9) >>> 22;
            while (indexOf[slot] >= 0 && keys[slot] != bits) {
                slot = (slot + 1) & (slots - 1);
            }
            if (indexOf[slot] < 0) {
                if (distinct == PALETTE) {
                    return null;
                }
                keys[slot] = bits;
                indexOf[slot] = distinct;
                palette[distinct++] = values[i];
            }
            seen = true;
            lastBits = bits;
            lastIndex = (byte) indexOf[slot];
            packed[i] = lastIndex;
        }
        return packed;
    }

    @Override
    protected void doOrder(int[] indices) {
        synchronized (backend) {
            orderArgument = order.atLeast((long) indices.length * Integer.BYTES);
            buffers.write(Pointer.to(indices), order.buffer(), (long) indices.length
                    * Integer.BYTES);
        }
    }

    @Override
    protected void doGather(int from, Tensor featureRows, Tensor targetRows) {
        synchronized (backend) {
            ops.gatherRows(featuresArgument, paletteArgument, targetsArgument, orderArgument,
                    from, (ClTensor) featureRows, (ClTensor) targetRows);
        }
    }

    @Override
    protected void release() {
        synchronized (backend) {
            backend.forget(this);
            order.close();
            buffers.release(features);
            if (palette != null) {
                buffers.release(palette);
            }
            buffers.release(targets);
        }
    }
}
