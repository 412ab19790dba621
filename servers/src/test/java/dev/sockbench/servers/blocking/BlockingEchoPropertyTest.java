package dev.sockbench.servers.blocking;

import dev.sockbench.core.protocol.FrameLengthException;
import dev.sockbench.servers.FrameDecoderProperties;
import dev.sockbench.servers.FrameDecoderProperties.Outcome;
import dev.sockbench.servers.FrameDecoderProperties.Split;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Collections;

/** The blocking models' frame loop over arbitrary byte streams in arbitrary reads (see {@link FrameDecoderProperties#check}). */
class BlockingEchoPropertyTest extends FrameDecoderProperties {
    /** A stream whose reads return one chunk at most each, like a socket's; the echo until its end. */
    @Override
    protected Outcome decode(Split split) throws IOException {
        InputStream reads = new SequenceInputStream(Collections.enumeration(
                split.chunks().stream().map(ByteArrayInputStream::new).toList()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BlockingEcho.echoFrames(
                    new DataInputStream(reads), new DataOutputStream(out), FrameDecoderProperties.MAX_FRAME_BYTES);
            throw new AssertionError("returned without end of stream");
        } catch (EOFException end) {
            return new Outcome(out.toByteArray(), false);
        } catch (FrameLengthException rejected) {
            return new Outcome(out.toByteArray(), true);
        }
    }
}
