package dev.sockbench.loadgen.engine;

/** How a worker drives its connections. */
public enum Mode {
    /** Each connection keeps {@code depth} requests in flight, sending as soon as an echo frees room. */
    CLOSED,
    /** Each connection sends on its own schedule (a {@code Pacer}), with up to {@code depth} in flight. */
    PACED,
    /** Each connection slot connects, sends one request, reads its echo, closes, and starts over. */
    CHURN
}
