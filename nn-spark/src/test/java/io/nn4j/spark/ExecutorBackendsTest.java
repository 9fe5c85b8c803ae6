package io.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Backend;
import io.nn4j.api.testkit.RequiredBackend;
import org.junit.jupiter.api.Test;

/** The executors' backends: one per JVM, name and GPU. */
class ExecutorBackendsTest {

    @Test
    void aTaskGivenAGpuOpensThatOpenClDeviceOncePerJvm() {
        RequiredBackend.check("opencl");
        Backend device = ExecutorBackends.get("", "0");
        assertTrue(device.description().startsWith("opencl ("), device.description());
        assertSame(device, ExecutorBackends.get("opencl", "0"), "the same key opens nothing new");
        Backend cpu = ExecutorBackends.get("cpu", "0");
        assertTrue(cpu.description().startsWith("cpu ("), "a cpu task ignores the GPU: "
                + cpu.description());
        assertSame(cpu, ExecutorBackends.get("cpu", null));
        assertNotSame(cpu, device);
    }
}
