package io.hubbub.conformance.reliable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on 127.0.0.1 and a free port that forwards every connection to a server and, on demand or at random
 * moments, cuts them: a reset (RST), a plain close (FIN), or a stall (the client side is reset while the server side
 * stays open and silently swallows what the server writes, like a peer gone without a trace), never a WebSocket
 * close frame. It forwards bytes unchanged, so the Host header clients send names the proxy.
 */
public final class ChaosProxy implements AutoCloseable {

    /** How a connection is cut. */
    public enum Cut {
        /** RST to both ends. */
        RESET,
        /** FIN to both ends. */
        CLOSE,
        /** RST to the client; the server's side stays open, its writes vanish, until the server closes it. */
        STALL
    }

    private static final Logger LOG = LoggerFactory.getLogger(ChaosProxy.class);

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    /** Server sides of stalled connections, closed with the proxy if the server never closes them. */
    private final Set<Socket> stalledServerSides = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger cutConnections = new AtomicInteger();
    private final AtomicInteger cutRounds = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** While true, new connections are reset as soon as they are accepted. */
    private volatile boolean refusing;
    private volatile ScheduledExecutorService chaos;

    private ChaosProxy(ServerSocket listener, InetSocketAddress upstream) {
        this.listener = listener;
        this.upstream = upstream;
    }

    public static ChaosProxy start(int upstreamPort) {
        try {
            ServerSocket listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            ChaosProxy proxy = new ChaosProxy(listener, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    upstreamPort));
            daemon("chaos-proxy-accept", proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** Connections cut so far. */
    int cutConnections() {
        return cutConnections.get();
    }

    /** Cuts that found at least one live connection. */
    int cutRounds() {
        return cutRounds.get();
    }

    int liveConnections() {
        return links.size();
    }

    /** While refusing, every new connection is reset at once: clients cannot get through. */
    public void refuseNewConnections(boolean refuse) {
        this.refusing = refuse;
    }

    /** Cuts every live connection the same way; returns how many were cut. */
    public int cutAll(Cut how) {
        return cutAll(new Random(), how);
    }

    private int cutAll(Random random, Cut forced) {
        int n = 0;
        for (Link link : List.copyOf(links)) {
            Cut[] ways = Cut.values();
            if (link.cut(forced != null ? forced : ways[random.nextInt(ways.length)])) {
                n++;
            }
        }
        if (n > 0) {
            cutConnections.addAndGet(n);
            cutRounds.incrementAndGet();
        }
        return n;
    }

    /**
     * From now on, after a random pause between {@code minPause} and {@code maxPause}, cuts every live connection,
     * each in a randomly chosen way, again and again until {@link #stopChaos()}.
     */
    void startChaos(Duration minPause, Duration maxPause, long seed) {
        Random random = new Random(seed);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chaos-proxy-cutter");
            t.setDaemon(true);
            return t;
        });
        chaos = scheduler;
        Runnable[] round = new Runnable[1];
        round[0] = () -> {
            cutAll(random, null);
            scheduler.schedule(round[0], pause(random, minPause, maxPause), TimeUnit.MILLISECONDS);
        };
        scheduler.schedule(round[0], pause(random, minPause, maxPause), TimeUnit.MILLISECONDS);
    }

    private static long pause(Random random, Duration min, Duration max) {
        return min.toMillis() + (long) (random.nextDouble() * (max.toMillis() - min.toMillis()));
    }

    void stopChaos() {
        ScheduledExecutorService scheduler = chaos;
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            chaos = null;
        }
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    LOG.warn("proxy accept failed", e);
                }
                return;
            }
            accepted.incrementAndGet();
            if (refusing) {
                reset(client);
                continue;
            }
            try {
                Socket server = new Socket();
                server.connect(upstream, 2000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                Link link = new Link(client, server);
                links.add(link);
                daemon("chaos-proxy-up", () -> link.pump(client, server));
                daemon("chaos-proxy-down", () -> link.pump(server, client));
            } catch (IOException e) {
                LOG.warn("proxy cannot reach the server", e);
                reset(client);
            }
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // close() now sends RST
        } catch (SocketException e) {
            // already gone
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** A client connection and its server leg, with one pump thread per direction. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private final AtomicBoolean over = new AtomicBoolean();
        private final AtomicInteger halfClosed = new AtomicInteger();
        /** Set by a STALL cut: the server side is only drained from now on. */
        private volatile boolean stalled;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        /** Copies bytes until the source ends; an orderly end is passed on as a half close, an error ends both. */
        void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!stalled) {
                        try {
                            out.write(buffer, 0, n);
                        } catch (IOException e) {
                            if (!stalled) {
                                throw e;
                            } // else: the client side was just reset by a stall; keep draining the server
                        }
                    }
                }
                if (stalled) {
                    closeQuietly(from);
                    return;
                }
                to.shutdownOutput();
                if (halfClosed.incrementAndGet() == 2) {
                    end();
                }
            } catch (IOException e) {
                if (stalled) {
                    if (from == server) { // reading failed: the server gave up on the stalled socket
                        closeQuietly(server);
                    }
                    return; // the client side's pump ends; the server side stays open
                }
                cut(Cut.RESET);
            }
        }

        /** True if this call ended the link. */
        boolean cut(Cut how) {
            if (!over.compareAndSet(false, true)) {
                return false;
            }
            links.remove(this);
            if (how == Cut.STALL) {
                stalled = true;
                stalledServerSides.add(server);
                reset(client);
            } else if (how == Cut.RESET) {
                reset(client);
                reset(server);
            } else {
                try {
                    client.shutdownOutput();
                    server.shutdownOutput();
                } catch (IOException e) {
                    // the close below ends it anyway
                }
                closeQuietly(client);
                closeQuietly(server);
            }
            return true;
        }

        private void end() {
            if (over.compareAndSet(false, true)) {
                links.remove(this);
                closeQuietly(client);
                closeQuietly(server);
            }
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stopChaos();
            try {
                listener.close();
            } catch (IOException e) {
                // closing anyway
            }
            for (Link link : List.copyOf(links)) {
                link.cut(Cut.RESET);
            }
            stalledServerSides.forEach(ChaosProxy::closeQuietly);
        }
    }
}
