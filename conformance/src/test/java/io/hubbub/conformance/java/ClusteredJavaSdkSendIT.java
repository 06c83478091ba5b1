package io.hubbub.conformance.java;

import org.junit.jupiter.api.BeforeAll;

/** {@link JavaSdkSendIT} with the SDK on one node of a Redis cluster and the clients on another. */
class ClusteredJavaSdkSendIT extends JavaSdkSendIT {

    @Override
    @BeforeAll
    void startServer() {
        startCluster();
    }
}
