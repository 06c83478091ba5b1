package io.hubbub.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.server.cluster.ClusterNodes.Heard;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClusterNodesTest {

    private final AtomicLong now = new AtomicLong();
    private final ClusterNodes nodes = new ClusterNodes(5_000, 50_000, now::get);

    @Test
    void aNodeCountsUntilItHasBeenSilentForTheExpiry() {
        assertThat(nodes.alive()).isEmpty();
        assertThat(nodes.heard("a", 1)).isEqualTo(Heard.NEW_NODE);
        assertThat(nodes.heard("a", 2)).isEqualTo(Heard.KNOWN_NODE);
        now.set(3_000);
        nodes.heard("b", 1);
        assertThat(nodes.alive()).containsExactlyInAnyOrder("a", "b");

        now.set(5_001);
        assertThat(nodes.alive()).containsExactly("b");
        now.set(8_001);
        assertThat(nodes.alive()).isEmpty();
        assertThat(nodes.heard("a", 3)).as("back after a silence: new again").isEqualTo(Heard.NEW_NODE);
        assertThat(nodes.alive()).containsExactly("a");
    }

    @Test
    void aMessageHeardTwiceIsRecognised() {
        nodes.heard("a", 1);
        nodes.heard("a", 2);
        assertThat(nodes.heard("a", 2)).isEqualTo(Heard.REPEATED);
        assertThat(nodes.heard("a", 1)).isEqualTo(Heard.REPEATED);
        assertThat(nodes.heard("a", 5)).as("gaps are other nodes' inbox messages").isEqualTo(Heard.KNOWN_NODE);
    }

    @Test
    void aNodeLongSilentIsForgotten() {
        nodes.heard("crashed", 1);
        now.set(50_000);
        assertThat(nodes.alive()).isEmpty();
        assertThat(nodes.remembered()).as("silent for exactly the time to forget it").isEqualTo(1);
        now.set(50_001);
        nodes.alive();
        assertThat(nodes.remembered()).isZero();
    }

    @Test
    void aNodeThatSaysGoodbyeIsGoneAtOnce() {
        nodes.heard("a", 1);
        nodes.left("a");
        assertThat(nodes.alive()).isEmpty();
    }
}
