package dev.sockbench.core.result;

/**
 * The silent connections of an {@code idle} case, block {@code idle} of {@code summary.json}.
 * They are opened before the warm-up, never written to, and checked after the measured interval.
 *
 * @param requested idle connections asked for ({@code --idle})
 * @param opened idle connections that connected
 * @param openAtEnd idle connections the server still held open after the measured interval
 */
public record IdleConnections(int requested, int opened, int openAtEnd) {}
