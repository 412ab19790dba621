package dev.sockbench.bench.metrics;

/**
 * One reading of a process's {@code /proc/<pid>/status}.
 *
 * @param threads threads alive at the reading ({@code Threads:})
 * @param rssBytes resident set size ({@code VmRSS:})
 */
public record ProcessSample(int threads, long rssBytes) {}
