package io.hubbub.protocol.filter;

import java.util.Set;

/** The connection an {@link ODataFilter} is evaluated against; implementations need only be consistent per call. */
public interface FilterSubject {

    String connectionId();

    /** {@code null} for anonymous connections, so that {@code userId eq null} selects them. */
    String userId();

    /** The connection's current groups; {@code null} is read as no groups. */
    Set<String> groups();
}
