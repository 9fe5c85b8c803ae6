/**
 * The OpenCL backend on JOCL: {@link io.nn4j.backend.opencl.OpenClBackendProvider} registers it
 * as {@code opencl}. Inside, one class per concept: discovery and device choice
 * ({@code ClDiscovery}, {@code ClDeviceChoice}), the look at sysfs for a GPU before any of that
 * ({@code SysfsGpuSigns}), the opened device with its queue
 * ({@code ClDevice}), the program cache ({@code ClProgramCache}), device memory
 * ({@code ClBuffers}, {@code ClTensor}), the kernel table ({@code ClTuning}) and the codes and
 * constants shared with nn-api ({@code ClApiConstants}), kernels and how one is launched
 * ({@code ClKernel}, {@code ClLaunch}), the ops as launches ({@code ClLayerOps},
 * {@code ClOptimizerOps}, {@code ClGemm}), the start-up run
 * of every kernel ({@code ClWarmUp}), and the backend itself ({@code OpenClBackend}). Kernels
 * are {@code .cl} resources under {@code kernels/} next to these classes.
 */
package io.nn4j.backend.opencl;
