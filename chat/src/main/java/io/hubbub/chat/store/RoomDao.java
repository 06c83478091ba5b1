package io.hubbub.chat.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Room.class)
public interface RoomDao {

    String SELECT = "SELECT r.name, r.created_by, r.created_at,"
            + " COALESCE((SELECT MAX(m.id) FROM messages m WHERE m.room = r.name), 0) AS last_message_id"
            + " FROM rooms r";

    @SqlQuery(SELECT + " ORDER BY r.name")
    List<Room> list();

    @SqlQuery(SELECT + " WHERE r.name = :name")
    Optional<Room> find(@Bind("name") String name);

    /** 1 if created, 0 if a room of that name already exists. */
    @SqlUpdate("INSERT INTO rooms (name, created_by, created_at) VALUES (:name, :by, :now) ON CONFLICT DO NOTHING")
    int insert(@Bind("name") String name, @Bind("by") String createdBy, @Bind("now") long now);
}
