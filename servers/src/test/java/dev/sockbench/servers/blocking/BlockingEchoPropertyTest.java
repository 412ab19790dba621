package dev.sockbench.servers.blocking;

import dev.sockbench.core.protocol.FrameLengthException;
import dev.sockbench.servers.FrameStreams;
import dev.sockbench.servers.FrameStreams.Outcome;
import dev.sockbench.servers.FrameStreams.Split;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Collections;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The blocking models' frame loop over arbitrary byte streams in arbitrary reads (see {@link FrameStreams#check}). */
class BlockingEchoPropertyTest {
    @Property(tries = 500)
    void echoesWholeFramesOfAnyStreamInAnySplit(@ForAll("frameStreams") Split split) throws IOException {
        FrameStreams.check(split.stream(), decode(split));
    }

    @Property(tries = 300)
    void arbitraryBytesAreEchoedOnlyAsWholeFramesOrRejected(@ForAll("noise") Split split) throws IOException {
        FrameStreams.check(split.stream(), decode(split));
    }

    @Provide
    Arbitrary<Split> frameStreams() {
        return FrameStreams.splits(FrameStreams.streams());
    }

    @Provide
    Arbitrary<Split> noise() {
        return FrameStreams.splits(FrameStreams.noise());
    }

    /** A stream whose reads return one chunk at most each, like a socket's; the echo until its end. */
    private static Outcome decode(Split split) throws IOException {
        InputStream reads = new SequenceInputStream(Collections.enumeration(
                split.chunks().stream().map(ByteArrayInputStream::new).toList()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BlockingEcho.echoFrames(
                    new DataInputStream(reads), new DataOutputStream(out), FrameStreams.MAX_FRAME_BYTES);
            throw new AssertionError("returned without end of stream");
        } catch (EOFException end) {
            return new Outcome(out.toByteArray(), false);
        } catch (FrameLengthException rejected) {
            return new Outcome(out.toByteArray(), true);
        }
    }
}
