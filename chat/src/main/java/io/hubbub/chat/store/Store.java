package io.hubbub.chat.store;

import org.jdbi.v3.core.Jdbi;

/** The DAOs, each taking a pooled connection per call. */
public record Store(UserDao users, RoomDao rooms, MembershipDao memberships, MessageDao messages,
        DirectMessageDao directMessages) {

    public static Store on(Jdbi jdbi) {
        return new Store(jdbi.onDemand(UserDao.class), jdbi.onDemand(RoomDao.class),
                jdbi.onDemand(MembershipDao.class), jdbi.onDemand(MessageDao.class),
                jdbi.onDemand(DirectMessageDao.class));
    }
}
