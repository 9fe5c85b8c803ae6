package io.nn4j.backend.opencl;

import static org.jocl.CL.CL_KERNEL_NUM_ARGS;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/**
 * Kernel programs of one device: sources read from {@code .cl} resources on the class path
 * (next to this class, under {@code kernels/}), each built once with the device's build options
 * (the {@link ClTuning} sizes), and their kernels created once. Every program is built with the
 * shared definitions of {@code activations.cl} (each activation and its derivative, and the
 * softmax of a row) in front of its own source. A build failure throws with the compiler's
 * build log.
 */
final class ClProgramCache implements AutoCloseable {
    private static final String FOLDER = "kernels/";
    /** Definitions every program is built with, in front of its own source. */
    private static final String SHARED = "activations.cl";

    private final ClDevice device;
    private final String options;
    private final Map<String, cl_program> programs = new HashMap<>();
    private final Map<String, ClKernel> kernels = new HashMap<>();

    /** A cache building every program with {@code options}. */
    ClProgramCache(ClDevice device, String options) {
        this.device = device;
        this.options = options;
    }

    /** The build options every program of this cache gets. */
    String options() {
        return options;
    }

    /**
     * The kernel {@code name} of the program in resource {@code program}, building the program
     * on first use.
     *
     * @throws OpenClException with the build log when the program does not build, or naming the
     *                         kernel when the program has none by that name
     */
    ClKernel kernel(String program, String name) {
        String key = program + "#" + name;
        ClKernel kernel = kernels.get(key);
        if (kernel == null) {
            cl_program built = program(program);
            cl_kernel handle;
            try {
                handle = CL.clCreateKernel(built, name, null);
            } catch (CLException e) {
                throw device.error("creating kernel '" + name + "' of " + FOLDER + program, e);
            }
            int[] arguments = new int[1];
            CL.clGetKernelInfo(handle, CL_KERNEL_NUM_ARGS, Sizeof.cl_uint, Pointer.to(arguments),
                    null);
            kernel = new ClKernel(built, name, handle, arguments[0]);
            kernels.put(key, kernel);
        }
        return kernel;
    }

    /** The program in resource {@code resource} ({@code kernels/} next to this class), built. */
    cl_program program(String resource) {
        cl_program program = programs.get(resource);
        if (program == null) {
            program = build(FOLDER + resource, source(SHARED) + source(resource), options);
            programs.put(resource, program);
        }
        return program;
    }

    /**
     * Builds {@code source} for this device. The caller owns the program.
     *
     * @param label   what the source is, for messages (a resource path)
     * @throws OpenClException with the status, the options and the compiler's build log
     */
    cl_program build(String label, String source, String buildOptions) {
        cl_program program;
        try {
            program = CL.clCreateProgramWithSource(device.context(), 1, new String[] {source},
                    null, null);
        } catch (CLException e) {
            throw device.error("creating program " + label, e);
        }
        try {
            CL.clBuildProgram(program, 1, new cl_device_id[] {device.id()}, buildOptions, null,
                    null);
            return program;
        } catch (CLException e) {
            String log = buildLog(program);
            CL.clReleaseProgram(program);
            throw new OpenClException("building " + label + " with options '" + buildOptions
                    + "' failed on OpenCL device '" + device.info().fullName() + "': "
                    + CL.stringFor_errorCode(e.getStatus()) + "; build log:\n" + log, e);
        }
    }

    private String buildLog(cl_program program) {
        try {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(program, device.id(), CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] log = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(program, device.id(), CL_PROGRAM_BUILD_LOG, log.length,
                    Pointer.to(log), null);
            int length = log.length;
            while (length > 0 && log[length - 1] == 0) {
                length--;
            }
            String text = new String(log, 0, length, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(the compiler left no log)" : text;
        } catch (CLException e) {
            return "(no build log: " + CL.stringFor_errorCode(e.getStatus()) + ")";
        }
    }

    private static String source(String resource) {
        try (InputStream in = ClProgramCache.class.getResourceAsStream(FOLDER + resource)) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + FOLDER + resource
                        + " is missing from the class path next to "
                        + ClProgramCache.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading kernel source " + FOLDER + resource, e);
        }
    }

    /** Releases every kernel, then every program. */
    @Override
    public void close() {
        kernels.values().forEach(ClKernel::close);
        kernels.clear();
        programs.values().forEach(CL::clReleaseProgram);
        programs.clear();
    }
}
