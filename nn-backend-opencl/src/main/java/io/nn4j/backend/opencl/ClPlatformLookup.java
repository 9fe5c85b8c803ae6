package io.nn4j.backend.opencl;

import java.util.List;

/**
 * Where the provider gets the device list from: {@link ClDiscovery} in production, a stand-in
 * in tests that simulate a machine without an ICD loader or without a platform.
 */
@FunctionalInterface
interface ClPlatformLookup {

    /** Every device of every platform; may throw anything, including {@link Error}s. */
    List<ClDeviceInfo> devices();
}
