package io.hubbub.server.auth;

import java.util.List;
import java.util.Map;

/**
 * Who a connecting client is, from its access token (or anonymous).
 *
 * @param userId the {@code sub} claim, or null
 * @param roles the {@code role} claim values
 * @param groups the {@code webpubsub.group} claim values, joined at connect
 * @param claims every claim as name to string values, forwarded to the connect event
 */
public record ClientIdentity(String userId, List<String> roles, List<String> groups, Map<String, List<String>> claims) {

    public static final ClientIdentity ANONYMOUS = new ClientIdentity(null, List.of(), List.of(), Map.of());

    public ClientIdentity {
        roles = List.copyOf(roles);
        groups = List.copyOf(groups);
        claims = Map.copyOf(claims);
    }
}
