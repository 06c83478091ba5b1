-- One script for SQLite and PostgreSQL. The only dialect difference, the auto-increment key, comes in through the
-- ${id_column} placeholder (see io.hubbub.chat.store.Database). Times are epoch milliseconds (BIGINT) so both read them
-- the same way.

CREATE TABLE users (
    id          VARCHAR(32) PRIMARY KEY,
    created_at  BIGINT      NOT NULL
);
-- sign-in is by name only, so "Alice" and "alice" must be the same person
CREATE UNIQUE INDEX users_id_lower ON users (lower(id));

CREATE TABLE rooms (
    name        VARCHAR(32) PRIMARY KEY,
    created_by  VARCHAR(32) NOT NULL,
    created_at  BIGINT      NOT NULL
);

CREATE TABLE memberships (
    room        VARCHAR(32) NOT NULL REFERENCES rooms (name),
    user_id     VARCHAR(32) NOT NULL REFERENCES users (id),
    joined_at   BIGINT      NOT NULL,
    PRIMARY KEY (room, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE messages (
    id          ${id_column},
    room        VARCHAR(32) NOT NULL REFERENCES rooms (name),
    sender      VARCHAR(32) NOT NULL,
    text        TEXT        NOT NULL,
    created_at  BIGINT      NOT NULL,
    -- a client retrying a send it never saw acknowledged repeats its nonce; the unique index makes it a no-op
    nonce       VARCHAR(64)
);
CREATE INDEX messages_room_id ON messages (room, id);
CREATE UNIQUE INDEX messages_sender_nonce ON messages (sender, nonce);

CREATE TABLE direct_messages (
    id          ${id_column},
    -- the two user ids sorted and joined with '|' (not allowed in user ids): one index serves both directions
    pair        VARCHAR(65) NOT NULL,
    sender      VARCHAR(32) NOT NULL,
    recipient   VARCHAR(32) NOT NULL,
    text        TEXT        NOT NULL,
    created_at  BIGINT      NOT NULL,
    nonce       VARCHAR(64)
);
CREATE INDEX direct_messages_pair_id ON direct_messages (pair, id);
CREATE INDEX direct_messages_recipient ON direct_messages (recipient, id);
CREATE UNIQUE INDEX direct_messages_sender_nonce ON direct_messages (sender, nonce);

-- the sender of server-initiated messages, so conversations with it resolve like any other; nobody can sign in as it
INSERT INTO users (id, created_at) VALUES ('system', 0);
INSERT INTO rooms (name, created_by, created_at) VALUES ('general', 'system', 0);
