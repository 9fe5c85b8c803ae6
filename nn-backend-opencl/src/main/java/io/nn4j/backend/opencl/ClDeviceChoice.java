package io.nn4j.backend.opencl;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Picks the device to open: the one {@value #OPTION} names, by index or by a substring of
 * {@code platform / device} (case-insensitive, first match), else the first GPU, else the first
 * device.
 */
final class ClDeviceChoice {
    /** The option (a system property by default) that names the device. */
    static final String OPTION = "nn.opencl.device";

    private ClDeviceChoice() {
    }

    /**
     * The device {@code spec} names, or the default when {@code spec} is null or blank.
     *
     * @throws IllegalArgumentException when there is no device, or none matches {@code spec}
     */
    static ClDeviceInfo choose(List<ClDeviceInfo> devices, String spec) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("the OpenCL platforms list no device");
        }
        if (spec == null || spec.isBlank()) {
            return devices.stream().filter(ClDeviceInfo::isGpu).findFirst()
                    .orElse(devices.get(0));
        }
        String wanted = spec.trim();
        if (wanted.chars().allMatch(Character::isDigit)) {
            int index = parseIndex(wanted);
            if (index < devices.size()) {
                return devices.get(index);
            }
        } else {
            String needle = wanted.toLowerCase(Locale.ROOT);
            for (ClDeviceInfo device : devices) {
                if (device.fullName().toLowerCase(Locale.ROOT).contains(needle)) {
                    return device;
                }
            }
        }
        throw new IllegalArgumentException(OPTION + " is '" + wanted + "' but no OpenCL device "
                + "has that index or name; expected an index or a part of a name from: "
                + listing(devices));
    }

    /** Every device on one line, separated by semicolons. */
    static String listing(List<ClDeviceInfo> devices) {
        return devices.stream().map(ClDeviceInfo::describe).collect(Collectors.joining("; "));
    }

    private static int parseIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
