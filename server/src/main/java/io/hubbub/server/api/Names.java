package io.hubbub.server.api;

import java.util.Locale;

/** Validation of the names that appear in REST paths and client requests. */
public final class Names {

    private static final int MAX_HUB_LENGTH = 128;
    public static final int MAX_GROUP_LENGTH = 1024;

    private Names() {
    }

    /** The lower-cased hub name; 400 if it is not a valid hub name. */
    public static String hub(String hub) {
        if (!isValidHub(hub)) {
            throw ApiException.badRequest("Invalid hub name '" + hub + "': it must start with a letter and hold at "
                    + "most 128 letters, digits or _`,.[] characters.");
        }
        return hub.toLowerCase(Locale.ROOT);
    }

    /** {@code [A-Za-z][A-Za-z0-9_`,.\[\]]{0,127}}, checked by hand: it runs on every REST call. */
    public static boolean isValidHub(String hub) {
        if (hub == null || hub.isEmpty() || hub.length() > MAX_HUB_LENGTH || !isAsciiLetter(hub.charAt(0))) {
            return false;
        }
        for (int i = 1; i < hub.length(); i++) {
            char c = hub.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && "_`,.[]".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** Null if {@code group} is a valid group name, else why not. */
    public static String groupProblem(String group) {
        if (group == null || group.isEmpty()) {
            return "The group name must not be empty.";
        }
        if (group.length() > MAX_GROUP_LENGTH) {
            return "The group name must be at most " + MAX_GROUP_LENGTH + " characters.";
        }
        if (group.isBlank()) {
            return "The group name must not be only whitespace.";
        }
        return null;
    }

    public static String group(String group) {
        String problem = groupProblem(group);
        if (problem != null) {
            throw ApiException.badRequest(problem);
        }
        return group;
    }
}
