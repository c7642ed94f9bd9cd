package dev.agentic.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.core.sandbox.SandboxException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The framed control channel to an in-sandbox driver, over the sandbox process's stdin and stdout: each frame
 * is one type byte, a 4-byte big-endian length and the payload. Only the driver writes to that stdout (the
 * program's own output reaches it as payload of {@code O}/{@code E} frames), so no byte a program prints is ever
 * parsed as a frame. A reader thread decodes frames into a bounded queue (back-pressure reaches the driver,
 * then the program); {@link #next} takes them with a deadline. Thread-safe: one thread sends, any thread may
 * {@link #next}, normally the one that sent.
 */
final class DriverChannel {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A frame larger than this ends the channel (the driver sends at most 16 KiB of output per frame). */
    private static final int MAX_FRAME = 256 << 20;

    /** A decoded frame; {@code type} 0 marks the end of the stream. */
    record Frame(char type, byte[] payload) {
        JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                throw new SandboxException("The sandbox driver sent a malformed '" + type + "' frame", e);
            }
        }

        boolean end() {
            return type == 0;
        }
    }

    private static final Frame END = new Frame((char) 0, new byte[0]);

    private final OutputStream out;
    private final BlockingQueue<Frame> frames = new ArrayBlockingQueue<>(256);
    private volatile String endReason = "the sandbox process ended";

    DriverChannel(Process process, Executor readers) {
        this.out = process.getOutputStream();
        InputStream in = process.getInputStream();
        readers.execute(() -> readLoop(in));
    }

    private void readLoop(InputStream raw) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 65536))) {
            while (true) {
                int type;
                try {
                    type = in.readUnsignedByte();
                } catch (EOFException e) {
                    break;
                }
                int length = in.readInt();
                if (length < 0 || length > MAX_FRAME) {
                    endReason = "the sandbox driver sent a frame of " + length + " bytes";
                    break;
                }
                byte[] payload = new byte[length];
                in.readFully(payload);
                frames.put(new Frame((char) type, payload));
            }
        } catch (IOException e) {
            // the process was killed: the stream ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // never blocks: when the consumer lags, the oldest output makes room for the end mark
            while (!frames.offer(END)) {
                frames.poll();
            }
        }
    }

    /** Sends one frame; false when the driver is gone. */
    synchronized boolean send(char type, byte[] payload) {
        try {
            ByteBuffer header = ByteBuffer.allocate(5).put((byte) type).putInt(payload.length);
            out.write(header.array());
            out.write(payload);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    boolean sendJson(char type, Object value) {
        try {
            return send(type, JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new SandboxException("Cannot encode a frame for the sandbox driver: " + e.getMessage(), e);
        }
    }

    /**
     * The next frame, waiting until {@code deadlineNanos} ({@link System#nanoTime()} clock); null when the
     * deadline passed first. After the end of the stream, returns an end frame every time.
     */
    Frame next(long deadlineNanos) throws InterruptedException {
        Frame f = frames.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (f != null && f.end()) {
            frames.offer(END);
        }
        return f;
    }

    /** Why the stream ended, once it has. */
    String endReason() {
        return endReason;
    }

    /** Closes the driver's stdin; the driver then ends. */
    synchronized void closeInput() {
        try {
            out.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
