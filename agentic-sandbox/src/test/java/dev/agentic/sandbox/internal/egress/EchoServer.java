package dev.agentic.sandbox.internal.egress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A real TCP echo server on 127.0.0.1 that counts the connections it accepted. */
final class EchoServer implements AutoCloseable {
    private final ServerSocket server;
    final AtomicInteger accepted = new AtomicInteger();
    /** Bytes received over all connections. */
    final AtomicLong received = new AtomicLong();

    EchoServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "echo-server");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                Thread t = new Thread(() -> echo(s, received), "echo");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void echo(Socket s, AtomicLong received) {
        try (s;
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                received.addAndGet(n);
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // the peer went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
