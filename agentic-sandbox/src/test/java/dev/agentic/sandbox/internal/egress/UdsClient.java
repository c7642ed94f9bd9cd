package dev.agentic.sandbox.internal.egress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** A real Unix-socket client that speaks to the proxy the way the in-sandbox forwarder relays clients. */
final class UdsClient implements AutoCloseable {
    final SocketChannel channel;

    private UdsClient(SocketChannel channel) {
        this.channel = channel;
    }

    static UdsClient connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        return new UdsClient(ch);
    }

    /** Opens a connection, sends {@code CONNECT target HTTP/1.1} and returns the response head. */
    static Response connectTo(Path socket, String target) throws IOException {
        UdsClient c = connect(socket);
        return c.request("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
    }

    /** Sends a raw head and reads the response head (through the empty line). */
    Response request(String head) throws IOException {
        write(head.getBytes(StandardCharsets.ISO_8859_1));
        return new Response(this, readHead());
    }

    void write(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Reads exactly n bytes, or fewer if the stream ends first. */
    byte[] read(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining() && channel.read(b) >= 0) {
            // keep reading
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    /** Reads until the proxy closes the stream. */
    byte[] readToEnd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(8192);
        while (channel.read(b) >= 0) {
            out.write(b.array(), 0, b.position());
            b.clear();
        }
        return out.toByteArray();
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            one.clear();
            if (channel.read(one) < 0) {
                break;
            }
            out.write(one.get(0));
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A response head and the connection it came on (still open for tunnelled bytes). */
    record Response(UdsClient client, String head) implements AutoCloseable {
        int status() {
            String[] parts = head.split(" ", 3);
            return parts.length < 2 ? -1 : Integer.parseInt(parts[1]);
        }

        String proxyError() {
            for (String line : head.split("\r\n")) {
                if (line.startsWith("X-Proxy-Error: ")) {
                    return line.substring("X-Proxy-Error: ".length());
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            client.close();
        }
    }
}
