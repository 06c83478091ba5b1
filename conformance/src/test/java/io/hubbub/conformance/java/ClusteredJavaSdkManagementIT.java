package io.hubbub.conformance.java;

import org.junit.jupiter.api.BeforeAll;

/** {@link JavaSdkManagementIT} with the SDK on one node of a Redis cluster and the clients on another. */
class ClusteredJavaSdkManagementIT extends JavaSdkManagementIT {

    @Override
    @BeforeAll
    void startServer() {
        startCluster();
    }
}
