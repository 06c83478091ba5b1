package io.hubbub.server.gateway;

/**
 * Well-formed UTF-8 (RFC 3629; no overlong forms, surrogates or code points above U+10FFFF) checked one byte at a
 * time as a pure function of an {@code int} state, so text split over frames is checked as it arrives and a
 * connection keeps no validator object. {@link #ACCEPT} between characters, {@link #REJECT} once malformed (and from
 * then on); anything else is inside a character: bits 0-1 count the continuation bytes still due, bits 8-15 and
 * 16-23 bound the next byte.
 */
final class Utf8State {

    static final int ACCEPT = 0;
    static final int REJECT = -1;

    private Utf8State() {
    }

    /** The state after byte {@code b}. */
    static int next(int state, byte b) {
        int u = b & 0xFF;
        if (state == ACCEPT) {
            if (u < 0x80) {
                return ACCEPT;
            }
            if (u < 0xC2) {
                return REJECT; // a continuation byte, or the lead of an overlong two-byte form
            }
            if (u < 0xE0) {
                return expect(1, 0x80, 0xBF);
            }
            if (u == 0xE0) {
                return expect(2, 0xA0, 0xBF); // not overlong
            }
            if (u == 0xED) {
                return expect(2, 0x80, 0x9F); // not a surrogate
            }
            if (u < 0xF0) {
                return expect(2, 0x80, 0xBF);
            }
            if (u == 0xF0) {
                return expect(3, 0x90, 0xBF); // not overlong
            }
            if (u < 0xF4) {
                return expect(3, 0x80, 0xBF);
            }
            if (u == 0xF4) {
                return expect(3, 0x80, 0x8F); // not above U+10FFFF
            }
            return REJECT;
        }
        if (state == REJECT || u < (state >> 8 & 0xFF) || u > (state >> 16 & 0xFF)) {
            return REJECT;
        }
        int due = (state & 3) - 1;
        return due == 0 ? ACCEPT : expect(due, 0x80, 0xBF);
    }

    private static int expect(int due, int lowest, int highest) {
        return due | lowest << 8 | highest << 16;
    }
}
