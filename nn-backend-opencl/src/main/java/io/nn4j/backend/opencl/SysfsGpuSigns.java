package io.nn4j.backend.opencl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * Whether Linux's sysfs shows any sign of a GPU: read before anything loads OpenCL, so that the
 * default backend choice can skip listing OpenCL devices (which loads the ICD loader and its
 * drivers) on a machine that plainly has no GPU.
 *
 * <p>The machine shows no GPU when the OS is Linux, {@code <root>/bus/pci/devices} is a readable
 * folder with at least one device, every device's {@code class} file reads as a hex PCI class
 * code, none is a display controller (base class 0x03), a processing accelerator (base class
 * 0x12) or a co-processor (0x0b40), and {@code <root>/class/drm} is missing or holds no
 * {@code card*} entry. Anything else, a failure to read included, counts as a possible GPU: a
 * wrong "no GPU" would change which backend the default choice opens, a wrong "maybe" only costs
 * the probe. Reads a few small files; loads nothing.
 *
 * <p>Immutable: safe to share between threads.
 */
final class SysfsGpuSigns {
    /** PCI base class of display controllers (VGA, 3D controllers such as datacenter GPUs). */
    private static final int DISPLAY_CONTROLLER = 0x03;
    /** PCI base class of processing accelerators. */
    private static final int PROCESSING_ACCELERATOR = 0x12;
    /** PCI base class and subclass of co-processors. */
    private static final int CO_PROCESSOR = 0x0b40;

    private final Path root;
    private final String osName;

    /**
     * Looks at the sysfs mounted at {@code root} on a system called {@code osName}.
     *
     * @param root the sysfs root, {@code /sys} in production
     * @param osName the OS name as {@code os.name} gives it; only {@code Linux} is read
     */
    SysfsGpuSigns(Path root, String osName) {
        this.root = root;
        this.osName = osName;
    }

    /**
     * This JVM's system: {@code /sys}, and the OS from {@code os.name}.
     *
     * @return the signs of this machine
     */
    static SysfsGpuSigns ofThisMachine() {
        return new SysfsGpuSigns(Paths.get("/sys"), System.getProperty("os.name", ""));
    }

    /**
     * Whether this machine may have a GPU: false only when sysfs plainly shows none (see the
     * class comment). Never throws.
     *
     * @return false when the machine shows no GPU, true otherwise
     */
    boolean mayHaveGpu() {
        try {
            return !osName.toLowerCase(Locale.ROOT).startsWith("linux")
                    || pciMayHaveGpu() || drmHasCard();
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Whether a PCI device may be a GPU, or the PCI bus cannot be read in full. */
    private boolean pciMayHaveGpu() throws IOException {
        Path devices = root.resolve("bus").resolve("pci").resolve("devices");
        if (!Files.isDirectory(devices) || !Files.isReadable(devices)) {
            return true;
        }
        boolean any = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(devices)) {
            for (Path device : entries) {
                any = true;
                int code = classCode(device.resolve("class"));
                int base = code >> 16;
                if (code < 0 || base == DISPLAY_CONTROLLER || base == PROCESSING_ACCELERATOR
                        || code >> 8 == CO_PROCESSOR) {
                    return true;
                }
            }
        }
        return !any;
    }

    /**
     * The class code in {@code file}, such as {@code 0x030200} (base class, subclass and
     * programming interface, a byte each); -1 if it holds no such code.
     */
    private static int classCode(Path file) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return -1;
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
        if (text.startsWith("0x") || text.startsWith("0X")) {
            text = text.substring(2);
        }
        if (text.isEmpty() || text.length() > 6) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return -1;
            }
        }
        return Integer.parseInt(text, 16);
    }

    /** Whether {@code <root>/class/drm} has a {@code card*} entry, or cannot be read. */
    private boolean drmHasCard() throws IOException {
        Path drm = root.resolve("class").resolve("drm");
        if (Files.notExists(drm)) {
            return false;
        }
        if (!Files.isDirectory(drm) || !Files.isReadable(drm)) {
            return true;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(drm)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().startsWith("card")) {
                    return true;
                }
            }
        }
        return false;
    }
}
