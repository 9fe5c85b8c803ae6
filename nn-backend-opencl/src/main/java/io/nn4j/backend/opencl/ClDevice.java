package io.nn4j.backend.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;

/**
 * The opened device: its context and the one in-order command queue every op is enqueued on.
 * Ops never wait; {@link #synchronize()} waits for everything queued so far.
 */
final class ClDevice implements AutoCloseable {
    private final ClDeviceInfo info;
    private final cl_context context;
    private final cl_command_queue queue;

    /**
     * Opens a context and an in-order queue on {@code info}'s device.
     *
     * @throws OpenClException naming the device when OpenCL refuses
     */
    @SuppressWarnings("deprecation") // clCreateCommandQueue: the one call OpenCL 1.2 has too
    ClDevice(ClDeviceInfo info) {
        this.info = info;
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL_CONTEXT_PLATFORM, info.platform());
        cl_context created;
        try {
            created = CL.clCreateContext(properties, 1, new cl_device_id[] {info.device()},
                    null, null, null);
        } catch (CLException e) {
            throw error("creating a context", e);
        }
        this.context = created;
        try {
            this.queue = CL.clCreateCommandQueue(context, info.device(), 0, null);
        } catch (CLException e) {
            CL.clReleaseContext(context);
            throw error("creating a command queue", e);
        }
    }

    /** What discovery found about this device. */
    ClDeviceInfo info() {
        return info;
    }

    /** The device handle. */
    cl_device_id id() {
        return info.device();
    }

    /** The context every buffer and program lives in. */
    cl_context context() {
        return context;
    }

    /** The one in-order queue. */
    cl_command_queue queue() {
        return queue;
    }

    /** Waits until every command queued so far has finished. */
    void synchronize() {
        try {
            CL.clFinish(queue);
        } catch (CLException e) {
            throw error("waiting for the queue (an earlier op failed)", e);
        }
    }

    /** {@code what failed on device '...': CL_STATUS}, keeping the OpenCL failure as cause. */
    OpenClException error(String what, CLException e) {
        return new OpenClException(what + " failed on OpenCL device '" + info.fullName() + "': "
                + CL.stringFor_errorCode(e.getStatus()), e);
    }

    /** Waits for the queue to drain, then releases it and the context. */
    @Override
    public void close() {
        try {
            CL.clFinish(queue);
        } finally {
            CL.clReleaseCommandQueue(queue);
            CL.clReleaseContext(context);
        }
    }
}
