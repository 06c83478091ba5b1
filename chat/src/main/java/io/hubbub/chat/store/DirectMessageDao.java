package io.hubbub.chat.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Direct messages, paged per conversation like {@link MessageDao}. {@code pair} comes from {@link #pair}. */
@RegisterConstructorMapper(DirectMessage.class)
public interface DirectMessageDao {

    String COLUMNS = "id, sender, recipient, text, created_at, nonce";

    /** The conversation key of two users: both ids sorted and joined with '|', which user ids never contain. */
    static String pair(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    }

    @SqlQuery("INSERT INTO direct_messages (pair, sender, recipient, text, created_at, nonce)"
            + " VALUES (:pair, :sender, :recipient, :text, :now, :nonce) ON CONFLICT DO NOTHING RETURNING id")
    Optional<Long> insert(@Bind("pair") String pair, @Bind("sender") String sender,
            @Bind("recipient") String recipient, @Bind("text") String text, @Bind("now") long now,
            @Bind("nonce") String nonce);

    @SqlQuery("SELECT " + COLUMNS + " FROM direct_messages WHERE sender = :sender AND nonce = :nonce")
    Optional<DirectMessage> findByNonce(@Bind("sender") String sender, @Bind("nonce") String nonce);

    @SqlQuery("SELECT " + COLUMNS + " FROM direct_messages WHERE pair = :pair AND id < :before"
            + " ORDER BY id DESC LIMIT :limit")
    List<DirectMessage> before(@Bind("pair") String pair, @Bind("before") long before, @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM direct_messages WHERE pair = :pair AND id > :after"
            + " ORDER BY id ASC LIMIT :limit")
    List<DirectMessage> after(@Bind("pair") String pair, @Bind("after") long after, @Bind("limit") int limit);

    /** Everyone {@code user} has exchanged direct messages with, most recent conversation first. */
    // the subquery names the peer once: PostgreSQL cannot tell that two bound ":user" in SELECT and GROUP BY are equal
    @SqlQuery("SELECT peer, MAX(id) AS last_message_id FROM (SELECT id, CASE WHEN sender = :user THEN recipient"
            + " ELSE sender END AS peer FROM direct_messages WHERE sender = :user OR recipient = :user) AS mine"
            + " GROUP BY peer ORDER BY last_message_id DESC")
    @RegisterConstructorMapper(Conversation.class)
    List<Conversation> conversations(@Bind("user") String user);
}
