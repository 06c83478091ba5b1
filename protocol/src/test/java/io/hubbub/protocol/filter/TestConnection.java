package io.hubbub.protocol.filter;

import java.util.Set;

/** A FilterSubject for tests. */
record TestConnection(String connectionId, String userId, Set<String> groups) implements FilterSubject {

    static TestConnection user(String userId, String... groups) {
        return new TestConnection("conn-" + userId, userId, Set.of(groups));
    }

    static TestConnection anonymous(String connectionId, String... groups) {
        return new TestConnection(connectionId, null, Set.of(groups));
    }

    static boolean matches(String filter, FilterSubject subject) {
        return ODataFilter.parse(filter).matches(subject);
    }
}
