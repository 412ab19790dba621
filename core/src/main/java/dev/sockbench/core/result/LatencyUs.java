package dev.sockbench.core.result;

/**
 * The two latency views of a case, in microseconds.
 *
 * @param corrected measured from each request's <em>intended</em> send time (open shapes; wrk2's
 *     correction for coordinated omission). For closed shapes, where the intended time is the
 *     actual one, it equals {@code raw}
 * @param raw measured from the moment the request actually left
 */
public record LatencyUs(Percentiles corrected, Percentiles raw) {}
