package dev.sockbench.core.protocol;

import java.io.IOException;

/**
 * A length prefix outside {@code [Payload.HEADER_BYTES, maxFrameBytes]}. The receiver closes
 * that connection and counts an error; it never allocates the claimed size.
 */
public final class FrameLengthException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long claimedBytes;

    public FrameLengthException(long claimedBytes, int maxFrameBytes) {
        super("frame length " + claimedBytes + " is outside [" + Payload.HEADER_BYTES + ", " + maxFrameBytes + "]");
        this.claimedBytes = claimedBytes;
    }

    /** The length the prefix claimed. */
    public long claimedBytes() {
        return claimedBytes;
    }
}
