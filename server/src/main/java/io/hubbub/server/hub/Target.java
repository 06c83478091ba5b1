package io.hubbub.server.hub;

/** The connections an operation addresses within a hub. */
public sealed interface Target {

    record All() implements Target {
    }

    record Group(String name) implements Target {
    }

    record User(String userId) implements Target {
    }

    Target ALL = new All();

    static Target group(String name) {
        return new Group(name);
    }

    static Target user(String userId) {
        return new User(userId);
    }
}
