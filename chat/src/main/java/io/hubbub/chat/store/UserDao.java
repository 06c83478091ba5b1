package io.hubbub.chat.store;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Users known from sign-in. Ids compare case-insensitively (see the unique index on {@code lower(id)}). */
public interface UserDao {

    /** The stored spelling of {@code id}, whatever case it was asked in. */
    @SqlQuery("SELECT id FROM users WHERE lower(id) = lower(:id)")
    Optional<String> find(@Bind("id") String id);

    @SqlUpdate("INSERT INTO users (id, created_at) VALUES (:id, :now) ON CONFLICT DO NOTHING")
    int insert(@Bind("id") String id, @Bind("now") long now);
}
