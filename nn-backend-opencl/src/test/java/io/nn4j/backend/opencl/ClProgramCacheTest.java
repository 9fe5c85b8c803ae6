package io.nn4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jocl.CL;
import org.jocl.cl_program;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Build failures come back as exceptions that carry the compiler's log and name the cause. */
class ClProgramCacheTest {
    private static final String VALID = "__kernel void twice(__global float* x) { "
            + "x[get_global_id(0)] *= 2.0f; }";

    @RegisterExtension
    static final OpenClDevicePerClass OPENCL = new OpenClDevicePerClass();

    private static ClProgramCache programs() {
        return OPENCL.programs(ClTuning.BLOCKED);
    }

    @Test
    void syntaxErrorThrowsWithTheBuildLog() {
        OpenClException e = assertThrows(OpenClException.class, () -> programs().build(
                "broken.cl", "__kernel void broken(__global float* x) { x[0] = ; }", ""));
        String message = e.getMessage();
        assertTrue(message.contains("building broken.cl"), message);
        assertTrue(message.contains("CL_BUILD_PROGRAM_FAILURE"), message);
        assertTrue(message.contains("build log:"), message);
        assertTrue(message.contains("expected expression"), message);
        assertNotNull(e.getCause());
    }

    @Test
    void unknownBuildOptionIsNamed() {
        OpenClException e = assertThrows(OpenClException.class,
                () -> programs().build("valid.cl", VALID, "-D ROWS=4 -fno-such-option"));
        String message = e.getMessage();
        assertTrue(message.contains("-fno-such-option"), message);
        assertTrue(message.contains("CL_INVALID_BUILD_OPTIONS")
                || message.contains("CL_BUILD_PROGRAM_FAILURE"), message);
    }

    @Test
    void validSourceBuildsAndEveryShippedProgramBuilds() {
        cl_program program = programs().build("valid.cl", VALID, "");
        CL.clReleaseProgram(program);
        for (String resource : new String[] {"elementwise.cl", "rows.cl", "gemm_blocked.cl"}) {
            assertNotNull(programs().program(resource));
        }
        assertNotNull(programs().kernel("gemm_blocked.cl", "pack_b"));
    }

    @Test
    void missingResourceAndUnknownKernelAreNamed() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> programs().program("nope.cl"));
        assertTrue(missing.getMessage().contains("kernels/nope.cl"), missing.getMessage());
        OpenClException unknown = assertThrows(OpenClException.class,
                () -> programs().kernel("elementwise.cl", "no_such_kernel"));
        assertTrue(unknown.getMessage().contains("no_such_kernel"), unknown.getMessage());
    }
}
