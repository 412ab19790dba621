package dev.sockbench.servers.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.protocol.FrameLengthException;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.protocol.LengthFraming;
import dev.sockbench.servers.FrameDecoderProperties;
import dev.sockbench.servers.FrameDecoderProperties.Outcome;
import dev.sockbench.servers.FrameDecoderProperties.Split;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The NIO and NIO.2 models' frame decoder ({@link EchoBuffer}) over arbitrary byte streams in
 * arbitrary reads: it echoes exactly the whole well-formed frames, rejects a bad length, and its
 * buffer never grows beyond the largest frame allowed.
 */
class EchoBufferPropertyTest extends FrameDecoderProperties {
    /** Feeds the reads through an EchoBuffer the way a selector loop does; what came out. */
    @Override
    protected Outcome decode(Split split) {
        EchoBuffer echo = new EchoBuffer(Framing.LENGTH, FrameDecoderProperties.MAX_FRAME_BYTES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (byte[] chunk : split.chunks()) {
                ByteBuffer read = ByteBuffer.wrap(chunk);
                while (read.hasRemaining()) { // a read takes what fits; the rest is the next read
                    ByteBuffer into = echo.readBuffer();
                    int n = Math.min(into.remaining(), read.remaining());
                    into.put(read.slice(read.position(), n));
                    read.position(read.position() + n);
                    if (echo.prepareEcho()) {
                        ByteBuffer write = echo.writeBuffer();
                        byte[] bytes = new byte[write.remaining()];
                        write.get(bytes);
                        out.writeBytes(bytes);
                        echo.echoed();
                    }
                    assertThat(echo.readBuffer().capacity())
                            .as("buffer size")
                            .isLessThanOrEqualTo(Math.max(
                                    EchoBuffer.INITIAL_BYTES,
                                    LengthFraming.PREFIX_BYTES + FrameDecoderProperties.MAX_FRAME_BYTES));
                    assertThat(echo.readBuffer().hasRemaining())
                            .as("room for the next read")
                            .isTrue();
                }
            }
            return new Outcome(out.toByteArray(), false);
        } catch (FrameLengthException e) {
            return new Outcome(out.toByteArray(), true);
        }
    }
}
