package io.hubbub.bench.load;

import java.util.List;

/**
 * The load patterns, modelled on the cloud service's published capacity method: 2 KB messages, p99 latency. Each
 * says which groups and roles a connection's token carries, how many receivers one sent message has, and how much
 * one cloud unit (1,000 connections) is quoted to deliver.
 */
public enum Scenario {
    /** REST send-to-all: every connection receives every message. */
    BROADCAST("broadcast", 10, 0),
    /** REST send-to-group into 10 groups of N/10 connections. */
    BIG_GROUP("big-group", 100, 3_000),
    /** Groups of 10; each member publishes with {@code sendToGroup} and receives its group's messages. */
    SMALL_GROUPS("small-groups", 1_000, 4_000),
    /** REST send-to-user, one connection per user. */
    SEND_TO_USER("send-to-user", 1_000, 180),
    /** Client {@code event} → the generator's webhook handler answers with the same body → back to the client. */
    WEBHOOK_ECHO("webhook-echo", 500, 500);

    static final int BIG_GROUPS = 10;
    static final int SMALL_GROUP_SIZE = 10;

    private final String cliName;
    private final double defaultRate;
    private final int deliveriesPerUnit;

    Scenario(String cliName, double defaultRate, int deliveriesPerUnit) {
        this.cliName = cliName;
        this.defaultRate = defaultRate;
        this.deliveriesPerUnit = deliveriesPerUnit;
    }

    public String cliName() {
        return cliName;
    }

    /** Messages sent per second when {@code --rate} is not given. */
    public double defaultRate() {
        return defaultRate;
    }

    /** Delivered msg/s one cloud unit is quoted for; 0 when the brief gives no figure. */
    public int deliveriesPerUnit() {
        return deliveriesPerUnit;
    }

    public static Scenario fromCliName(String name) {
        for (Scenario s : values()) {
            if (s.cliName.equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "'; known: broadcast, big-group, "
                + "small-groups, send-to-user, webhook-echo");
    }

    /** Whether messages are sent through the REST API (else by the clients themselves). */
    boolean usesRest() {
        return this == BROADCAST || this == BIG_GROUP || this == SEND_TO_USER;
    }

    /** Groups in the token of connection {@code i}: joined at connect, no REST round trip. */
    List<String> groupsOf(int i) {
        return switch (this) {
            case BIG_GROUP -> List.of(bigGroup(i));
            case SMALL_GROUPS -> List.of(smallGroup(i));
            default -> List.of();
        };
    }

    List<String> rolesOf() {
        return this == SMALL_GROUPS ? List.of("webpubsub.sendToGroup") : List.of();
    }

    /** Receivers of one message when {@code connections} are open. */
    int fanOut(int connections) {
        return switch (this) {
            case BROADCAST -> connections;
            case BIG_GROUP -> connections / BIG_GROUPS;
            case SMALL_GROUPS -> SMALL_GROUP_SIZE;
            case SEND_TO_USER, WEBHOOK_ECHO -> 1;
        };
    }

    static String bigGroup(int i) {
        return "big-" + (i % BIG_GROUPS);
    }

    static String smallGroup(int i) {
        return "small-" + (i / SMALL_GROUP_SIZE);
    }

    static String userId(int i) {
        return "user-" + i;
    }
}
