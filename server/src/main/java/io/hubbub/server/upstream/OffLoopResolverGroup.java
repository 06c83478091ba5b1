package io.hubbub.server.upstream;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Host name lookups for new handler connections, on a thread of their own: Netty's default resolver asks the JDK
 * on the event loop, and a slow DNS server would stall every client of that loop. IP literals never get here.
 */
final class OffLoopResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final ExecutorService lookups;

    OffLoopResolverGroup() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "hubbub-webhook-dns");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.lookups = pool;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor loop) {
        return new InetNameResolver(loop) {
            @Override
            protected void doResolve(String host, Promise<InetAddress> promise) {
                lookup(promise, () -> InetAddress.getByName(host));
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                lookup(promise, () -> Arrays.asList(InetAddress.getAllByName(host)));
            }
        }.asAddressResolver();
    }

    private interface Lookup<T> {
        T run() throws UnknownHostException;
    }

    private <T> void lookup(Promise<T> promise, Lookup<T> lookup) {
        try {
            lookups.execute(() -> {
                try {
                    promise.trySuccess(lookup.run());
                } catch (UnknownHostException | RuntimeException e) {
                    promise.tryFailure(e);
                }
            });
        } catch (RejectedExecutionException e) {
            promise.tryFailure(e);
        }
    }

    @Override
    public void close() {
        super.close();
        lookups.shutdown();
    }
}
