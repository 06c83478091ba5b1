package io.hubbub.bench.floor;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code floor}: the raw Netty floor server. The same event-loop count and transport as Hubbub's default (one loop
 * per core, epoll), the same pre-encoded frames, none of the protocol. Prints {@code netty-floor ready on port N}.
 */
@Command(name = "floor", mixinStandardHelpOptions = true,
        description = "The raw Netty floor: pre-encoded broadcast with no protocol, for the load generator's comparison.")
public final class FloorServer implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", defaultValue = "0", description = "0 picks a free port")
    int port;

    @Option(names = "--io-threads", defaultValue = "0", description = "event loops (default: one per core)")
    int ioThreads;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FloorServer()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        int threads = ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(threads, io);
        FloorMembers members = new FloorMembers();
        FloorHttpHandler http = new FloorHttpHandler(members);
        try {
            Channel server = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), http);
                        }
                    })
                    .bind(new InetSocketAddress(host, port)).sync().channel();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            System.out.println("netty-floor ready on port " + ((InetSocketAddress) server.localAddress()).getPort()
                    + " (" + (epoll ? "epoll" : "nio") + ", " + threads + " event loops)");
            server.closeFuture().sync();
            return 0;
        } finally {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        }
    }
}
