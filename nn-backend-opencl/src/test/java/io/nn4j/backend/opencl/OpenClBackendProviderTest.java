package io.nn4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.BackendStatus;
import io.nn4j.api.Backends;
import io.nn4j.api.spi.Availability;
import io.nn4j.api.spi.BackendOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider's probe, priority and device choice: on fake device lists (a test seam standing
 * in for machines without an ICD loader, without a platform, with a GPU), and once for real in
 * a forked JVM whose ICD loader is pointed at an empty vendor folder.
 */
class OpenClBackendProviderTest {
    private static final long CPU = 1L << 1;
    private static final long GPU = 1L << 2;
    private static final ClDeviceInfo PTHREAD = device(0, "Portable Computing Language",
            "pthread-zen3", CPU);
    private static final ClDeviceInfo RTX = device(1, "NVIDIA CUDA", "GeForce RTX", GPU);
    private static final BackendOptions NO_OPTIONS = BackendOptions.of(Map.of());

    @Test
    void missingIcdLoaderMakesTheBackendUnavailableWithTheReasonAndCause() {
        UnsatisfiedLinkError first = new UnsatisfiedLinkError("libOpenCL.so.1: cannot open");
        Availability availability = missingLoader(first, "pocl-opencl-icd");
        assertSame(first, availability.cause());
        assertEquals(OpenClBackendProvider.NO_GPU_PRIORITY, availability.priority());
        missingLoader(new NoClassDefFoundError("Could not initialize class org.jocl.CL"),
                "Could not initialize class");
    }

    /**
     * Probes with a platform lookup that fails with {@code failure}, as when no ICD loader is
     * installed, and asserts the backend is unavailable for that reason, naming {@code hint}.
     */
    private static Availability missingLoader(LinkageError failure, String hint) {
        Availability availability = new OpenClBackendProvider(() -> {
            throw failure;
        }).probe(NO_OPTIONS);
        assertFalse(availability.available());
        assertTrue(availability.reason().contains("ICD loader"), availability.reason());
        assertTrue(availability.reason().contains(hint), availability.reason());
        return availability;
    }

    @Test
    void noPlatformMakesTheBackendUnavailableInARealJvm(@TempDir Path emptyVendors)
            throws IOException, InterruptedException {
        OpenClTestSupport.requireOpenCl();
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp",
                System.getProperty("java.class.path"), ProbeMain.class.getName());
        // The ICD loader finds drivers in its vendors folder and in OCL_ICD_FILENAMES.
        builder.environment().put("OCL_ICD_VENDORS", emptyVendors.toString());
        builder.environment().remove("OCL_ICD_FILENAMES");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the forked probe did not finish");
        assertTrue(output.contains("available=false"), output);
        assertTrue(output.contains("no OpenCL platform found"), output);
        assertTrue(output.contains("CL_PLATFORM_NOT_FOUND_KHR"), output);
        assertTrue(Files.isDirectory(emptyVendors));
    }

    @Test
    void theProbesAnswerCarriesAPriorityAboveCpuOnlyWithAGpu() {
        Availability cpuOnly = new OpenClBackendProvider(() -> List.of(PTHREAD))
                .probe(NO_OPTIONS);
        assertTrue(cpuOnly.available());
        assertEquals(OpenClBackendProvider.NO_GPU_PRIORITY, cpuOnly.priority());
        assertTrue(cpuOnly.priority() < 10);

        Availability withGpu = new OpenClBackendProvider(() -> List.of(PTHREAD, RTX))
                .probe(NO_OPTIONS);
        assertEquals(OpenClBackendProvider.GPU_PRIORITY, withGpu.priority());
        assertTrue(withGpu.priority() > 10);
        assertTrue(withGpu.reason().startsWith("device [1] GPU"), withGpu.reason());
        assertTrue(withGpu.reason().contains("[0] CPU 'Portable Computing Language / "
                + "pthread-zen3'"), withGpu.reason());
    }

    @Test
    void theProbeChoosesTheDeviceFromItsOptions() {
        OpenClBackendProvider provider = new OpenClBackendProvider(() -> List.of(PTHREAD, RTX));
        Availability pthread = provider.probe(
                BackendOptions.of(Map.of(ClDeviceChoice.OPTION, "pthread")));
        assertTrue(pthread.reason().startsWith("device [0] CPU"), pthread.reason());

        Availability none = provider.probe(
                BackendOptions.of(Map.of(ClDeviceChoice.OPTION, "intel")));
        assertFalse(none.available());
        assertTrue(none.reason().startsWith("nn.opencl.device is 'intel' but no OpenCL device"),
                none.reason());
        assertEquals(OpenClBackendProvider.GPU_PRIORITY, none.priority());
    }

    @Test
    void aRealProbeSetsNoSystemProperty() {
        OpenClTestSupport.requireOpenCl();
        Properties before = (Properties) System.getProperties().clone();

        Availability availability = new OpenClBackendProvider().probe(NO_OPTIONS);

        assertTrue(availability.available(), availability.reason());
        assertEquals(before, System.getProperties());
    }

    @Test
    void noDeviceIsAReasonNotACrash() {
        Availability availability = new OpenClBackendProvider(List::of).probe(NO_OPTIONS);
        assertFalse(availability.available());
        assertTrue(availability.reason().contains("no device"), availability.reason());
    }

    @Test
    void deviceChoicePrefersGpusAndHonoursIndexAndName() {
        List<ClDeviceInfo> devices = List.of(PTHREAD, RTX);
        assertSame(RTX, ClDeviceChoice.choose(devices, null));
        assertSame(RTX, ClDeviceChoice.choose(devices, " "));
        assertSame(PTHREAD, ClDeviceChoice.choose(List.of(PTHREAD), null));
        assertSame(PTHREAD, ClDeviceChoice.choose(devices, "0"));
        assertSame(RTX, ClDeviceChoice.choose(devices, "1"));
        assertSame(PTHREAD, ClDeviceChoice.choose(devices, "PTHREAD"));
        assertSame(PTHREAD, ClDeviceChoice.choose(devices, "portable computing"));
        assertSame(RTX, ClDeviceChoice.choose(devices, "nvidia"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClDeviceChoice.choose(devices, "intel"));
        assertTrue(e.getMessage().contains("nn.opencl.device is 'intel'"), e.getMessage());
        assertTrue(e.getMessage().contains("[1] GPU 'NVIDIA CUDA / GeForce RTX'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClDeviceChoice.choose(devices, "2"));
        assertThrows(IllegalArgumentException.class,
                () -> ClDeviceChoice.choose(devices, "99999999999"));
    }

    @Test
    void unknownGemmFamilyIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClTuning.forDevice(PTHREAD, "clblast"));
        assertTrue(e.getMessage().contains("nn.opencl.gemm is 'clblast'"), e.getMessage());
        assertSame(ClTuning.BLOCKED, ClTuning.forDevice(PTHREAD, null));
        ClDeviceInfo avx512 = new ClDeviceInfo(0, null, null, "PoCL", "pthread-zen5", CPU, 2,
                1L << 30, 4L << 30, 4096, 16);
        assertSame(ClTuning.BLOCKED_WIDE, ClTuning.forDevice(avx512, null));
        assertSame(ClTuning.BLOCKED, ClTuning.forDevice(avx512, "Blocked"));
        assertSame(ClTuning.TILED, ClTuning.forDevice(RTX, ""));
        assertSame(ClTuning.TILED, ClTuning.forDevice(PTHREAD, "tiled"));
    }

    @Test
    void backendsListShowsEveryDevice() {
        OpenClTestSupport.requireOpenCl();
        BackendStatus status = Backends.list().stream()
                .filter(s -> s.name().equals(OpenClBackendProvider.NAME)).findFirst()
                .orElseThrow();
        assertTrue(status.availability().available(), status.toString());
        assertTrue(status.toString().contains("all devices: [0] "), status.toString());
    }

    private static ClDeviceInfo device(int index, String platform, String name, long type) {
        return new ClDeviceInfo(index, null, null, platform, name, type, 2, 1L << 30, 4L << 30,
                1024, 8);
    }
}
