package io.hubbub.server.api;

import java.util.Locale;
import java.util.regex.Pattern;

/** Validation of the names that appear in REST paths and client requests. */
public final class Names {

    private static final Pattern HUB = Pattern.compile("^[A-Za-z][A-Za-z0-9_`,.\\[\\]]{0,127}$");
    public static final int MAX_GROUP_LENGTH = 1024;

    private Names() {
    }

    /** The lower-cased hub name; 400 if it is not a valid hub name. */
    public static String hub(String hub) {
        if (hub == null || !HUB.matcher(hub).matches()) {
            throw ApiException.badRequest("Invalid hub name '" + hub + "': it must start with a letter and hold at "
                    + "most 128 letters, digits or _`,.[] characters.");
        }
        return hub.toLowerCase(Locale.ROOT);
    }

    public static boolean isValidHub(String hub) {
        return hub != null && HUB.matcher(hub).matches();
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
