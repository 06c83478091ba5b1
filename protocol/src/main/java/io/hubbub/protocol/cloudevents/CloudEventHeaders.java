package io.hubbub.protocol.cloudevents;

/** Header names and constant values of Web PubSub's CloudEvents (HTTP binary mode) webhooks. */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce-specversion";
    public static final String TYPE = "ce-type";
    public static final String SOURCE = "ce-source";
    public static final String ID = "ce-id";
    public static final String TIME = "ce-time";
    public static final String AWPS_VERSION = "ce-awpsversion";
    public static final String SIGNATURE = "ce-signature";
    public static final String USER_ID = "ce-userId";
    public static final String CONNECTION_ID = "ce-connectionId";
    public static final String HUB = "ce-hub";
    public static final String EVENT_NAME = "ce-eventName";
    public static final String SUBPROTOCOL = "ce-subprotocol";
    public static final String CONNECTION_STATE = "ce-connectionState";
    public static final String REQUEST_ORIGIN = "WebHook-Request-Origin";
    public static final String ALLOWED_ORIGIN = "WebHook-Allowed-Origin";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String AWPS_VERSION_VALUE = "1.0";

    public static final String SYSTEM_TYPE_PREFIX = "azure.webpubsub.sys.";
    public static final String USER_TYPE_PREFIX = "azure.webpubsub.user.";

    private CloudEventHeaders() {
    }

    public static String systemType(String event) {
        return SYSTEM_TYPE_PREFIX + event;
    }

    public static String userType(String event) {
        return USER_TYPE_PREFIX + event;
    }

    /** {@code /hubs/{hub}/client/{connectionId}} */
    public static String source(String hub, String connectionId) {
        return "/hubs/" + hub + "/client/" + connectionId;
    }
}
