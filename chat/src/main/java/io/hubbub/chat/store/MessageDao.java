package io.hubbub.chat.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Room messages. Pages are read by id, the cursor: backwards with {@code before}, forwards with {@code after}. */
@RegisterConstructorMapper(ChatMessage.class)
public interface MessageDao {

    String COLUMNS = "id, room, sender, text, created_at, nonce";

    /**
     * Stores a message and returns its id; empty when {@code nonce} was already used by this sender (a retry), which
     * {@link #findByNonce} then resolves. RETURNING works on SQLite 3.35+ and PostgreSQL alike.
     */
    @SqlQuery("INSERT INTO messages (room, sender, text, created_at, nonce) VALUES (:room, :sender, :text, :now, :nonce)"
            + " ON CONFLICT DO NOTHING RETURNING id")
    Optional<Long> insert(@Bind("room") String room, @Bind("sender") String sender, @Bind("text") String text,
            @Bind("now") long now, @Bind("nonce") String nonce);

    @SqlQuery("SELECT " + COLUMNS + " FROM messages WHERE sender = :sender AND nonce = :nonce")
    Optional<ChatMessage> findByNonce(@Bind("sender") String sender, @Bind("nonce") String nonce);

    /** Newest first: the {@code limit} messages just before {@code before}. */
    @SqlQuery("SELECT " + COLUMNS + " FROM messages WHERE room = :room AND id < :before ORDER BY id DESC LIMIT :limit")
    List<ChatMessage> before(@Bind("room") String room, @Bind("before") long before, @Bind("limit") int limit);

    /** Oldest first: the {@code limit} messages just after {@code after}. */
    @SqlQuery("SELECT " + COLUMNS + " FROM messages WHERE room = :room AND id > :after ORDER BY id ASC LIMIT :limit")
    List<ChatMessage> after(@Bind("room") String room, @Bind("after") long after, @Bind("limit") int limit);
}
