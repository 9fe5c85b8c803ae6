/**
 * The backend conformance kit, published in nn-api's test-jar: an abstract JUnit 5 suite
 * ({@link io.nn4j.api.testkit.BackendConformanceKit}) that a backend module runs by extending it
 * with one class; the float64 reference it compares against
 * ({@link io.nn4j.api.reference}, in nn-api's main code); the tolerances
 * ({@link io.nn4j.api.testkit.Tolerances}); finite-difference gradient checks of whole networks
 * ({@link io.nn4j.api.testkit.GradientCheck}); the cross-backend training comparison
 * ({@link io.nn4j.api.testkit.CrossBackendEquivalence}); and the meter of what warm training
 * steps allocate on the heap ({@link io.nn4j.api.testkit.StepAllocationMeter}).
 */
package io.nn4j.api.testkit;
