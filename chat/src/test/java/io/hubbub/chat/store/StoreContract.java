package io.hubbub.chat.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the store must do on every database; subclasses say which database and clean up after themselves. */
abstract class StoreContract {

    Database database;
    Store store;

    /** A freshly migrated, empty database for one test. */
    abstract Database openFresh() throws Exception;

    abstract void dropFresh() throws Exception;

    @BeforeEach
    void open() throws Exception {
        database = openFresh();
        store = Store.on(database.jdbi());
        store.users().insert("alice", 1);
        store.users().insert("bob", 2);
    }

    @AfterEach
    void close() throws Exception {
        if (database != null) { // null when openFresh skipped the test
            database.close();
            dropFresh();
        }
    }

    @Test
    void migrationCreatesTheDefaultRoom() {
        assertThat(store.rooms().list()).extracting(Room::name).containsExactly("general");
        assertThat(store.rooms().find("general").orElseThrow().lastMessageId()).isZero();
    }

    @Test
    void userIdsAreCaseInsensitiveButKeepTheirFirstSpelling() {
        assertThat(store.users().insert("ALICE", 3)).isZero();
        assertThat(store.users().find("Alice")).contains("alice");
        assertThat(store.users().find("carol")).isEmpty();
    }

    @Test
    void roomsAreCreatedOnceAndListedByName() {
        assertThat(store.rooms().insert("random", "alice", 10)).isEqualTo(1);
        assertThat(store.rooms().insert("random", "bob", 11)).isZero();
        assertThat(store.rooms().list()).extracting(Room::name).containsExactly("general", "random");
        assertThat(store.rooms().find("random").orElseThrow().createdBy()).isEqualTo("alice");
    }

    @Test
    void membershipJoinAndLeaveAreIdempotent() {
        assertThat(store.memberships().join("general", "alice", 5)).isEqualTo(1);
        assertThat(store.memberships().join("general", "alice", 6)).isZero();
        store.memberships().join("general", "bob", 7);
        assertThat(store.memberships().isMember("general", "alice")).isTrue();
        assertThat(store.memberships().membersOf("general")).containsExactly("alice", "bob");
        assertThat(store.memberships().roomsOf("alice")).containsExactly("general");
        assertThat(store.memberships().leave("general", "alice")).isEqualTo(1);
        assertThat(store.memberships().leave("general", "alice")).isZero();
        assertThat(store.memberships().isMember("general", "alice")).isFalse();
    }

    @Test
    void membershipOfAnUnknownRoomIsRefusedByTheForeignKey() {
        assertThatThrownBy(() -> store.memberships().join("nope", "alice", 5)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void messagesGetIncreasingIdsAndKeepTheirFields() {
        long first = store.messages().insert("general", "alice", "hello <b>", 100, null).orElseThrow();
        long second = store.messages().insert("general", "bob", "héllo 👋", 101, null).orElseThrow();
        assertThat(second).isGreaterThan(first);
        List<ChatMessage> page = store.messages().after("general", 0, 10);
        assertThat(page).containsExactly(new ChatMessage(first, "general", "alice", "hello <b>", 100, null),
                new ChatMessage(second, "general", "bob", "héllo 👋", 101, null));
        assertThat(store.rooms().find("general").orElseThrow().lastMessageId()).isEqualTo(second);
    }

    @Test
    void aRepeatedNonceStoresNothingAndFindsTheOriginal() {
        long id = store.messages().insert("general", "alice", "once", 100, "n-1").orElseThrow();
        Optional<Long> again = store.messages().insert("general", "alice", "once", 200, "n-1");
        assertThat(again).isEmpty();
        assertThat(store.messages().findByNonce("alice", "n-1").orElseThrow().id()).isEqualTo(id);
        // another sender may use the same nonce; so may messages without one
        assertThat(store.messages().insert("general", "bob", "mine", 300, "n-1")).isPresent();
        assertThat(store.messages().insert("general", "alice", "a", 300, null)).isPresent();
        assertThat(store.messages().insert("general", "alice", "b", 300, null)).isPresent();
        assertThat(store.messages().after("general", 0, 10)).hasSize(4);
    }

    @Test
    void historyPagesBackwardsWithACursorAndForwardsFromALastSeenId() {
        store.rooms().insert("other", "bob", 1);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(store.messages().insert("general", "alice", "m" + i, i, null).orElseThrow());
            store.messages().insert("other", "bob", "noise" + i, i, null);
        }
        List<ChatMessage> newest = store.messages().before("general", Long.MAX_VALUE, 3);
        assertThat(newest).extracting(ChatMessage::text).containsExactly("m6", "m5", "m4");
        List<ChatMessage> older = store.messages().before("general", newest.get(2).id(), 3);
        assertThat(older).extracting(ChatMessage::text).containsExactly("m3", "m2", "m1");
        assertThat(store.messages().before("general", older.get(2).id(), 3)).extracting(ChatMessage::text)
                .containsExactly("m0");
        assertThat(store.messages().after("general", ids.get(4), 10)).extracting(ChatMessage::text)
                .containsExactly("m5", "m6");
        assertThat(store.messages().after("general", ids.get(6), 10)).isEmpty();
    }

    @Test
    void directMessagesFormOneConversationPerPairAndListPeers() {
        store.users().insert("carol", 3);
        String ab = DirectMessageDao.pair("bob", "alice");
        assertThat(ab).isEqualTo(DirectMessageDao.pair("alice", "bob"));
        long m1 = store.directMessages().insert(ab, "alice", "bob", "hi bob", 10, "x").orElseThrow();
        long m2 = store.directMessages().insert(ab, "bob", "alice", "hi alice", 11, "x").orElseThrow();
        long m3 = store.directMessages().insert(DirectMessageDao.pair("carol", "alice"), "carol", "alice", "yo", 12,
                null).orElseThrow();
        assertThat(store.directMessages().insert(ab, "alice", "bob", "hi bob", 13, "x")).isEmpty();
        assertThat(store.directMessages().after(ab, 0, 10)).containsExactly(
                new DirectMessage(m1, "alice", "bob", "hi bob", 10, "x"),
                new DirectMessage(m2, "bob", "alice", "hi alice", 11, "x"));
        assertThat(store.directMessages().before(ab, m2, 10)).extracting(DirectMessage::id).containsExactly(m1);
        assertThat(store.directMessages().conversations("alice")).containsExactly(new Conversation("carol", m3),
                new Conversation("bob", m2));
        assertThat(store.directMessages().conversations("bob")).containsExactly(new Conversation("alice", m2));
        assertThat(store.directMessages().findByNonce("alice", "x").orElseThrow().id()).isEqualTo(m1);
    }

    @Test
    void concurrentWritersAllSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String text = "c" + i;
                futures.add(pool.submit(() -> store.messages().insert("general", "alice", text, 1, null).orElseThrow()));
            }
            for (Future<Long> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.messages().after("general", 0, 1000)).hasSize(200);
    }
}
