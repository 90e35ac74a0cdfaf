package com.example.profiles.kernel;

/**
 * Result of {@link Kernels#select(String)}: the kernel to use and a human-readable reason (log it and
 * expose {@code kernel.name()} as a metric/health detail).
 */
public record KernelChoice(ScoringKernel kernel, String reason) {
}
