package io.hubbub.chat.domain;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What user ids, room names, nonces and message texts may look like. The character sets are narrow on purpose: ids
 * end up in URL paths, group names ({@code room.<name>}), role names and the DM pair key, where '|' and '.' matter.
 */
public final class Names {

    public static final int MAX_TEXT_BYTES = 64 * 1024;
    /** Sender of server-initiated messages; nobody may sign in with it. */
    public static final String SYSTEM_USER = "system";

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
    private static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Names() {
    }

    public static String userId(String candidate) {
        String name = candidate == null ? "" : candidate.trim();
        if (!USER.matcher(name).matches()) {
            throw ChatException.badRequest("a name is 1 to 32 letters, digits, '.', '_' or '-', starting with a "
                    + "letter or digit");
        }
        if (name.toLowerCase(Locale.ROOT).equals(SYSTEM_USER)) {
            throw ChatException.badRequest("'" + SYSTEM_USER + "' is reserved for server messages");
        }
        return name;
    }

    public static String room(String candidate) {
        String name = candidate == null ? "" : candidate.trim();
        if (!ROOM.matcher(name).matches()) {
            throw ChatException.badRequest("a room name is 1 to 32 lower-case letters, digits, '_' or '-', starting "
                    + "with a letter or digit");
        }
        return name;
    }

    /** Null stays null: a nonce is optional. */
    public static String nonce(String candidate) {
        if (candidate == null) {
            return null;
        }
        if (!NONCE.matcher(candidate).matches()) {
            throw ChatException.badRequest("nonce must be 1 to 64 letters, digits, '_' or '-'");
        }
        return candidate;
    }

    public static String text(String candidate) {
        if (candidate == null || candidate.isBlank()) {
            throw ChatException.badRequest("text must not be empty");
        }
        if (candidate.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            throw ChatException.tooLarge("text is larger than " + MAX_TEXT_BYTES / 1024 + " KB");
        }
        return candidate;
    }
}
