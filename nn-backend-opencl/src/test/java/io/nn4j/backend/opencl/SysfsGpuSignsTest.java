package io.nn4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.spi.BackendOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The look at sysfs that lets the default backend choice skip the OpenCL probe, on sysfs trees
 * built in a temporary folder, and the priority bound the provider derives from it.
 */
class SysfsGpuSignsTest {
    /** What a VM without a GPU shows: a host bridge, an unassigned class, SCSI, Ethernet. */
    private static final List<String> NO_GPU_CLASSES =
            List.of("0x060000", "0xffff00", "0x018000", "0x020000");

    @TempDir
    Path sys;

    @Test
    void bridgesDisksAndNetworkCardsShowNoGpu() throws IOException {
        devices(NO_GPU_CLASSES);
        assertFalse(linux().mayHaveGpu());
    }

    @Test
    void anEmptyDrmFolderOrOneWithoutCardsShowsNoGpu() throws IOException {
        devices(NO_GPU_CLASSES);
        Files.createDirectories(sys.resolve("class/drm"));
        assertFalse(linux().mayHaveGpu());
        Files.createDirectories(sys.resolve("class/drm/version"));
        assertFalse(linux().mayHaveGpu());
    }

    @Test
    void aDisplayControllerMayBeAGpu() throws IOException {
        devices(List.of("0x060000", "0x030200"));
        assertTrue(linux().mayHaveGpu());
    }

    @Test
    void aVgaCardMayBeAGpu() throws IOException {
        devices(List.of("0x030000\n", "0x020000"));
        assertTrue(linux().mayHaveGpu());
    }

    @Test
    void aProcessingAcceleratorMayBeAGpu() throws IOException {
        devices(List.of("0x120000", "0x060000"));
        assertTrue(linux().mayHaveGpu());
    }

    @Test
    void aCoProcessorMayBeAGpu() throws IOException {
        devices(List.of("0x0b4000"));
        assertTrue(linux().mayHaveGpu());
    }

    @Test
    void aDrmCardMayBeAGpu() throws IOException {
        devices(NO_GPU_CLASSES);
        Files.createDirectories(sys.resolve("class/drm/card0"));
        assertTrue(linux().mayHaveGpu());
    }

    @Test
    void noPciDevicesFolderMayHideAGpu() throws IOException {
        assertTrue(linux().mayHaveGpu());
        Files.createDirectories(sys.resolve("bus/pci"));
        Files.writeString(sys.resolve("bus/pci/devices"), "not a folder");
        assertTrue(linux().mayHaveGpu());
    }

    @Test
    void anEmptyPciBusMayHideAGpu() throws IOException {
        devices(List.of());
        assertTrue(linux().mayHaveGpu());
    }

    @Test
    void aClassFileThatIsNotAClassCodeMayHideAGpu() throws IOException {
        for (String odd : List.of("garbage", "", "0x", "0x03020000", "0x-30200", "0x06 00")) {
            devices(List.of("0x060000", odd));
            assertTrue(linux().mayHaveGpu(), odd);
        }
    }

    @Test
    void aMissingOrUnreadableClassFileMayHideAGpu() throws IOException {
        devices(NO_GPU_CLASSES);
        Files.createDirectories(sys.resolve("bus/pci/devices/0000:00:09.0"));
        assertTrue(linux().mayHaveGpu());

        Files.writeString(sys.resolve("bus/pci/devices/0000:00:09.0/class"), "0x020000");
        assertFalse(linux().mayHaveGpu());

        Files.delete(sys.resolve("bus/pci/devices/0000:00:09.0/class"));
        Files.createDirectories(sys.resolve("bus/pci/devices/0000:00:09.0/class"));
        assertTrue(linux().mayHaveGpu(), "a folder instead of the class file");
    }

    @Test
    void anUnreadableDrmFolderMayHideAGpu() throws IOException {
        devices(NO_GPU_CLASSES);
        Files.createDirectories(sys.resolve("class"));
        Files.writeString(sys.resolve("class/drm"), "not a folder");
        assertTrue(linux().mayHaveGpu());
    }

    @Test
    void anotherSystemMayHaveAGpu() throws IOException {
        devices(NO_GPU_CLASSES);
        assertTrue(new SysfsGpuSigns(sys, "Mac OS X").mayHaveGpu());
        assertTrue(new SysfsGpuSigns(sys, "Windows 11").mayHaveGpu());
        assertFalse(new SysfsGpuSigns(sys, "Linux").mayHaveGpu());
    }

    @Test
    void theProvidersBoundIsBelowCpuOnlyWhereSysfsShowsNoGpu() throws IOException {
        BackendOptions options = BackendOptions.of(Map.of());
        ClPlatformLookup mustNotList = () -> {
            throw new AssertionError("the bound must not list OpenCL devices");
        };
        devices(NO_GPU_CLASSES);
        OpenClBackendProvider provider = new OpenClBackendProvider(mustNotList, linux());
        assertEquals(OpenClBackendProvider.NO_GPU_PRIORITY, provider.priorityBound(options));

        devices(List.of("0x060000", "0x030200"));
        assertEquals(OpenClBackendProvider.GPU_PRIORITY, provider.priorityBound(options));
    }

    private SysfsGpuSigns linux() {
        return new SysfsGpuSigns(sys, "Linux");
    }

    /**
     * Makes {@code <sys>/bus/pci/devices} hold one device per class file content, replacing
     * whatever devices it held.
     */
    private void devices(List<String> classes) throws IOException {
        Path devices = sys.resolve("bus/pci/devices");
        if (Files.isDirectory(devices)) {
            try (var old = Files.walk(devices)) {
                for (Path path : old.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(devices);
        for (int i = 0; i < classes.size(); i++) {
            Path device = Files.createDirectory(
                    devices.resolve(String.format("0000:00:%02x.0", i + 1)));
            Files.write(device.resolve("class"),
                    classes.get(i).getBytes(StandardCharsets.US_ASCII));
        }
    }
}
