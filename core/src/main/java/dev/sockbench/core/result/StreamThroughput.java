package dev.sockbench.core.result;

/**
 * Bulk echo throughput of a {@code stream} case, block {@code stream} of {@code summary.json}
 * (iperf3-like). Counts payload bytes that came back verified, framing excluded; the same bytes
 * went out, so the traffic on the socket is twice this.
 *
 * @param bytesPerSec echoed payload bytes per second over the measured interval ({@code
 *     achievedRatePerSec} times the payload size)
 * @param bitsPerSec the same in bits per second
 * @param windowBytes payload bytes each connection keeps in flight
 */
public record StreamThroughput(double bytesPerSec, double bitsPerSec, long windowBytes) {}
