package io.hubbub.chat.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PresenceTrackerTest {

    final PresenceTracker tracker = new PresenceTracker();

    @Test
    void onlyTheFirstTabBringsOnlineAndOnlyTheLastTakesOffline() {
        assertThat(tracker.connected("alice", "c1")).isTrue();
        assertThat(tracker.connected("alice", "c2")).isFalse();
        assertThat(tracker.connections("alice")).isEqualTo(2);
        assertThat(tracker.disconnected("alice", "c1")).isFalse();
        assertThat(tracker.isOnline("alice")).isTrue();
        assertThat(tracker.disconnected("alice", "c2")).isTrue();
        assertThat(tracker.isOnline("alice")).isFalse();
    }

    @Test
    void repeatedEventsChangeNothing() {
        assertThat(tracker.connected("alice", "c1")).isTrue();
        assertThat(tracker.connected("alice", "c1")).isFalse();
        assertThat(tracker.connections("alice")).isEqualTo(1);
        assertThat(tracker.disconnected("alice", "c1")).isTrue();
        assertThat(tracker.disconnected("alice", "c1")).isFalse();
        assertThat(tracker.disconnected("bob", "unknown")).isFalse();
    }

    @Test
    void aConnectedRetriedAfterItsDisconnectedDoesNotResurrectTheConnection() {
        assertThat(tracker.disconnected("alice", "c1")).isFalse();
        assertThat(tracker.connected("alice", "c1")).isFalse();
        assertThat(tracker.isOnline("alice")).isFalse();
    }
}
