package io.hubbub.chat.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on a SQLite file in a temporary folder. */
class SqliteStoreIT extends StoreContract {

    @TempDir
    Path dir;

    @Override
    Database openFresh() {
        return Database.open("jdbc:sqlite:" + dir.resolve("nested/folder/chat.db"), null, null);
    }

    @Override
    void dropFresh() {
        // @TempDir removes the file
    }

    @Test
    void createsTheFileAndItsFolderAndReopensWithTheSameData() {
        store.messages().insert("general", "alice", "kept", 1, null);
        database.close();
        assertThat(Files.exists(dir.resolve("nested/folder/chat.db"))).isTrue();
        database = openFresh(); // migrations already applied: must not run again or fail
        store = Store.on(database.jdbi());
        assertThat(store.messages().after("general", 0, 10)).extracting(ChatMessage::text).containsExactly("kept");
    }
}
