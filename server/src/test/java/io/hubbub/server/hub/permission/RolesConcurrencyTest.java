package io.hubbub.server.hub.permission;

import static io.hubbub.server.hub.permission.Permission.JOIN_LEAVE_GROUP;
import static io.hubbub.server.hub.permission.Permission.SEND_TO_GROUP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RolesConcurrencyTest {

    @Test
    @Timeout(30)
    void concurrentWritesShouldNotLoseUpdatesWhileReadersSeeConsistentSnapshots() throws Exception {
        Roles roles = Roles.of(List.of("webpubsub.joinLeaveGroups.stable.*"));
        int writers = 4;
        int perWriter = 200;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean done = new AtomicBoolean();
            List<Future<?>> readers = new ArrayList<>();
            // Readers yield so that writers still progress on a two-core CI runner.
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    start.await();
                    while (!done.get()) {
                        // The token's pattern role is never revoked, so every snapshot must keep it.
                        if (!roles.allows(JOIN_LEAVE_GROUP, "stable.x")
                                || !roles.asList().get(0).equals("webpubsub.joinLeaveGroups.stable.*")) {
                            throw new AssertionError("lost the token role: " + roles);
                        }
                        roles.allows(SEND_TO_GROUP, "w0-1");
                        Thread.yield();
                    }
                    return null;
                }));
            }
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                writes.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        roles.grant(SEND_TO_GROUP, "w" + id + "-" + i);
                        roles.add(List.of("webpubsub.joinLeaveGroup.w" + id + "-" + i));
                        if (i % 2 == 1) {
                            roles.revoke(SEND_TO_GROUP, "w" + id + "-" + i);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> write : writes) {
                write.get(20, TimeUnit.SECONDS);
            }
            done.set(true);
            for (Future<?> reader : readers) {
                reader.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(roles.asList()).hasSize(1 + writers * perWriter + writers * perWriter / 2);
        for (int w = 0; w < writers; w++) {
            for (int i = 0; i < perWriter; i++) {
                String group = "w" + w + "-" + i;
                assertThat(roles.allows(SEND_TO_GROUP, group)).isEqualTo(i % 2 == 0);
                assertThat(roles.allows(JOIN_LEAVE_GROUP, group)).isTrue();
            }
        }
    }
}
