package io.hubbub.server.api;

import java.util.Map;

/** A routed REST call: the request, its lower-cased hub and the decoded path variables of its route. */
public record RestCall(RestRequest request, String hub, Map<String, String> pathParams) {

    public String path(String name) {
        return pathParams.get(name);
    }
}
