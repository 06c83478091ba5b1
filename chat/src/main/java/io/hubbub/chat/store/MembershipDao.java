package io.hubbub.chat.store;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface MembershipDao {

    /** 1 if the user joined now, 0 if already a member. */
    @SqlUpdate("INSERT INTO memberships (room, user_id, joined_at) VALUES (:room, :user, :now) ON CONFLICT DO NOTHING")
    int join(@Bind("room") String room, @Bind("user") String user, @Bind("now") long now);

    /** 1 if the user left now, 0 if not a member. */
    @SqlUpdate("DELETE FROM memberships WHERE room = :room AND user_id = :user")
    int leave(@Bind("room") String room, @Bind("user") String user);

    @SqlQuery("SELECT COUNT(*) > 0 FROM memberships WHERE room = :room AND user_id = :user")
    boolean isMember(@Bind("room") String room, @Bind("user") String user);

    @SqlQuery("SELECT room FROM memberships WHERE user_id = :user ORDER BY room")
    List<String> roomsOf(@Bind("user") String user);

    @SqlQuery("SELECT user_id FROM memberships WHERE room = :room ORDER BY user_id")
    List<String> membersOf(@Bind("room") String room);
}
