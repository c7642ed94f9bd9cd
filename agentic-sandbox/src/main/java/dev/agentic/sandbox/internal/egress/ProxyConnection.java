package dev.agentic.sandbox.internal.egress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection of an {@link EgressProxy}: reads the request head, asks the {@link DestinationCheck},
 * connects to the vetted address and splices bytes both ways under the proxy's caps. Runs on a pool thread;
 * the reverse direction of a tunnel runs on a second one. {@link #close()} may be called from any thread.
 */
final class ProxyConnection implements Runnable {
    private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] ESTABLISHED =
            "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final EgressProxy proxy;
    private final SocketChannel client;
    private final boolean permitted;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean cut = new AtomicBoolean();
    private final CountDownLatch reverseDone = new CountDownLatch(1);
    private volatile SocketChannel upstream;
    private volatile String host = "";
    private volatile int port;
    private volatile ScheduledFuture<?> headTimer;
    private volatile ScheduledFuture<?> lifeTimer;

    ProxyConnection(EgressProxy proxy, SocketChannel client, boolean permitted) {
        this.proxy = proxy;
        this.client = client;
        this.permitted = permitted;
    }

    @Override
    public void run() {
        try {
            long life = proxy.policy().maxConnectionTime().toMillis();
            lifeTimer = proxy.timer().schedule(this::expire, life, TimeUnit.MILLISECONDS);
            headTimer = proxy.timer()
                    .schedule(this::expire, Math.min(life, HEAD_TIMEOUT.toMillis()), TimeUnit.MILLISECONDS);
            serve();
        } catch (IOException | RuntimeException e) {
            // the peer went away or the connection was closed by a cap or by close(); nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    private void serve() throws IOException, InterruptedException {
        ByteBuffer buf = ByteBuffer.allocate(EgressProxy.MAX_HEAD_BYTES);
        int headEnd = readHead(buf);
        headTimer.cancel(false);
        if (headEnd == -1) {
            return;
        }
        if (headEnd == -2) {
            proxy.record("", 0, false, "request head too large");
            reply(431, "Request Header Fields Too Large", "request head too large");
            return;
        }
        ProxyRequest request;
        try {
            request = ProxyRequest.parse(new String(buf.array(), 0, headEnd, StandardCharsets.ISO_8859_1).strip());
        } catch (ProxyRequest.BadRequest e) {
            proxy.record("", 0, false, "malformed request");
            reply(e.status, e.status == 405 ? "Method Not Allowed" : "Bad Request", e.getMessage());
            return;
        }
        host = request.host();
        port = request.port();
        DestinationCheck.Verdict verdict = !permitted
                ? DestinationCheck.Verdict.refuse(EgressProxy.CONNECTION_LIMIT)
                : !proxy.bytesLeft()
                        ? DestinationCheck.Verdict.refuse(EgressProxy.BYTE_LIMIT)
                        : proxy.check().check(host, port);
        if (!verdict.allowed()) {
            proxy.record(host, port, false, verdict.reason());
            reply(403, "Forbidden", verdict.reason());
            return;
        }
        if (!connect(verdict.addresses())) {
            proxy.record(host, port, false, "upstream connect failed");
            reply(502, "Bad Gateway", "upstream connect failed");
            return;
        }
        proxy.record(host, port, true, verdict.reason());
        if (request.connect()) {
            writeFully(client, ByteBuffer.wrap(ESTABLISHED));
        } else if (!send(upstream, ByteBuffer.wrap(request.forwardHead()))) {
            return;
        }
        buf.flip().position(headEnd); // bytes the client sent after the head
        long body = request.bodyLength();
        if (body >= 0 && buf.remaining() > body) {
            buf.limit(buf.position() + (int) body); // one request per admission: a pipelined one is dropped
        }
        int sent = buf.remaining();
        if (!send(upstream, buf)) {
            return;
        }
        SocketChannel up = upstream;
        boolean endWithResponse = !request.connect(); // one forwarded request: done when the response ends
        if (!proxy.executeSecondDirection(() -> pumpThenSignal(up, client, endWithResponse))) {
            return;
        }
        if (body >= 0) {
            pumpBody(client, up, body - sent);
        } else {
            pump(client, up);
        }
        reverseDone.await();
    }

    /** Reads until the empty line; returns the index after it, -1 on end of stream, -2 when too large. */
    private int readHead(ByteBuffer buf) throws IOException {
        byte[] a = buf.array();
        int scanned = 0;
        while (buf.hasRemaining()) {
            if (client.read(buf) < 0) {
                return -1;
            }
            for (int i = Math.max(0, scanned - 3); i < buf.position(); i++) {
                if (a[i] == '\n' && i > 0 && (a[i - 1] == '\n' || (a[i - 1] == '\r' && i > 1 && a[i - 2] == '\n'))) {
                    return i + 1;
                }
            }
            scanned = buf.position();
        }
        return -2;
    }

    private boolean connect(List<InetAddress> addresses) {
        int timeout = (int) proxy.options().connectTimeout().toMillis();
        for (InetAddress address : addresses) {
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open();
                upstream = channel;
                if (closed.get()) {
                    break;
                }
                channel.socket().connect(new InetSocketAddress(address, port), timeout); // the vetted address
                return true;
            } catch (IOException e) {
                EgressProxy.closeQuietly(channel);
            }
        }
        return false;
    }

    private void pumpThenSignal(SocketChannel from, SocketChannel to, boolean closeAfter) {
        try {
            pump(from, to);
            if (closeAfter) {
                close();
            }
        } finally {
            reverseDone.countDown();
        }
    }

    /** Copies until end of stream, then half-closes {@code to}; a cap or an error closes everything. */
    private void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buf) >= 0) {
                buf.flip();
                if (!send(to, buf)) {
                    return;
                }
                buf.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            close();
        }
    }

    /**
     * Copies the {@code remaining} bytes of a forwarded request's body and stops: whatever the client sends after
     * the body (a second, pipelined request) is never read or forwarded; the connection ends with the response.
     * (No half-close: some servers drop a request whose client half-closed.)
     */
    private void pumpBody(SocketChannel from, SocketChannel to, long remaining) {
        ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        try {
            while (remaining > 0) {
                buf.clear().limit((int) Math.min(buf.capacity(), remaining));
                if (from.read(buf) < 0) {
                    break;
                }
                buf.flip();
                remaining -= buf.remaining();
                if (!send(to, buf)) {
                    return;
                }
            }
        } catch (IOException e) {
            close();
        }
    }

    /** Sends what the byte budget allows; false (and the tunnel cut) when the budget ran out. */
    private boolean send(SocketChannel to, ByteBuffer buf) throws IOException {
        int wanted = buf.remaining();
        long granted = proxy.grantBytes(wanted);
        buf.limit(buf.position() + (int) granted);
        writeFully(to, buf);
        if (granted < wanted) {
            cut(EgressProxy.BYTE_LIMIT);
            return false;
        }
        return true;
    }

    private void expire() {
        if (host.isEmpty()) {
            proxy.record("", 0, false, "request head timeout");
            close();
        } else {
            cut(EgressProxy.TIME_LIMIT);
        }
    }

    /** Records why an allowed connection was ended by a cap (once) and closes it. */
    private void cut(String reason) {
        if (!closed.get() && cut.compareAndSet(false, true)) {
            proxy.record(host, port, false, reason);
        }
        close();
    }

    /** Answers 403 without a thread and without reading the request: the fresh socket's buffer takes it at once. */
    void refuseWithoutReading(String reason) {
        try {
            client.configureBlocking(false);
            client.write(response(403, "Forbidden", reason)); // one attempt; never spins
        } catch (IOException e) {
            // the client is gone already
        } finally {
            close();
        }
    }

    private void reply(int status, String phrase, String reason) throws IOException {
        writeFully(client, response(status, phrase, reason));
    }

    private static ByteBuffer response(int status, String phrase, String reason) {
        String body = reason + "\n";
        String response = "HTTP/1.1 " + status + " " + phrase + "\r\nX-Proxy-Error: " + reason
                + "\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body;
        return ByteBuffer.wrap(response.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void writeFully(SocketChannel to, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            to.write(buf);
        }
    }

    /** Closes both sides and releases the connection's slot. Idempotent, any thread. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        EgressProxy.closeQuietly(client);
        EgressProxy.closeQuietly(upstream);
        ScheduledFuture<?> h = headTimer;
        ScheduledFuture<?> l = lifeTimer;
        if (h != null) {
            h.cancel(false);
        }
        if (l != null) {
            l.cancel(false);
        }
        proxy.finished(this, permitted);
    }
}
