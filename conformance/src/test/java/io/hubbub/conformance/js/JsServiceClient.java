package io.hubbub.conformance.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * A {@code WebPubSubServiceClient} (or one of its {@code WebPubSubGroup}s) living in the server-SDK driver.
 * {@link #invoke} calls a method by its JS name with JSON-able arguments, so a test reads like the JS code it
 * stands for: {@code service.invoke("sendToAll", "hi", Map.of("contentType", "text/plain"))}.
 */
final class JsServiceClient {

    private final NodeDriver driver;
    /** {@code connectionString} or {@code endpoint} + {@code key}, and {@code hub}: what the JS constructor got. */
    private final ObjectNode identity;
    private final String group;

    private JsServiceClient(NodeDriver driver, ObjectNode identity, String group) {
        this.driver = driver;
        this.identity = identity;
        this.group = group;
    }

    /** {@code new WebPubSubServiceClient(connectionString, hub, { allowInsecureConnection: true })} */
    static JsServiceClient fromConnectionString(NodeDriver driver, String connectionString, String hub) {
        ObjectNode identity = NodeDriver.command("invoke").put("connectionString", connectionString).put("hub", hub);
        return new JsServiceClient(driver, identity, null);
    }

    /** {@code new WebPubSubServiceClient(endpoint, new AzureKeyCredential(key), hub, { allowInsecureConnection: true })} */
    static JsServiceClient fromKeyCredential(NodeDriver driver, String endpoint, String key, String hub) {
        ObjectNode identity = NodeDriver.command("invoke").put("endpoint", endpoint).put("key", key).put("hub", hub);
        return new JsServiceClient(driver, identity, null);
    }

    /** The same client built with more {@code WebPubSubServiceClientOptions}, e.g. {@code reverseProxyEndpoint}. */
    JsServiceClient withOptions(Object clientOptions) {
        ObjectNode withOptions = identity.deepCopy();
        withOptions.set("clientOptions", NodeDriver.toJson(clientOptions));
        return new JsServiceClient(driver, withOptions, group);
    }

    /** {@code service.group(name)} */
    JsServiceClient group(String name) {
        return new JsServiceClient(driver, identity, name);
    }

    /** Calls the method and waits for its result ({@code null} node for {@code void}); throws {@link JsError}. */
    JsonNode invoke(String method, Object... args) {
        return driver.call(command(method, args));
    }

    CompletableFuture<JsonNode> invokeAsync(String method, Object... args) {
        return driver.callAsync(command(method, args));
    }

    /** A method answering a boolean ({@code groupExists}, {@code hasPermission}, ...). */
    boolean check(String method, Object... args) {
        JsonNode answer = invoke(method, args);
        if (!answer.isBoolean()) {
            throw new AssertionError(method + " resolved to " + answer + ", not a boolean");
        }
        return answer.booleanValue();
    }

    /** {@code group.listConnections(options)} iterated page by page ({@code byPage()}): one array per page. */
    ArrayNode listConnectionPages(Object options) {
        ObjectNode command = command("listConnections", options).put("byPage", true);
        return (ArrayNode) driver.call(command);
    }

    /** {@code group.listConnections(options)} iterated item by item, as {@code for await} does. */
    ArrayNode listConnections(Object options) {
        return (ArrayNode) driver.call(command("listConnections", options));
    }

    private ObjectNode command(String method, Object... args) {
        ObjectNode command = identity.deepCopy().put("method", method);
        if (group != null) {
            command.put("group", group);
        }
        ArrayNode list = command.putArray("args");
        for (Object arg : args) {
            list.add(NodeDriver.toJson(arg));
        }
        return command;
    }
}
