/**
 * What a backend author implements: a {@link io.nn4j.api.spi.BackendProvider} registered with
 * {@link java.util.ServiceLoader}, and the shared argument checks every backend's ops run.
 */
package io.nn4j.api.spi;
