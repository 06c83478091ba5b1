package io.hubbub.chat.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The store on the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}, trust auth),
 * each test in a schema of its own that is dropped afterwards. Skipped, saying why, when PostgreSQL is unreachable.
 * Override with {@code -Dchat.test.postgres.url=jdbc:postgresql://host:port/db} and {@code -Dchat.test.postgres.user}.
 */
class PostgresStoreIT extends StoreContract {

    static final String URL = System.getProperty("chat.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("chat.test.postgres.user", "postgres");

    private String schema;

    @Override
    Database openFresh() throws SQLException {
        schema = "chat_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(URL, USER, null); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            assumeTrue(false, "PostgreSQL not reachable at " + URL + " as " + USER + " (" + e.getMessage()
                    + "); start it to run the PostgreSQL store tests");
        }
        return Database.open(URL + "?currentSchema=" + schema, USER, null);
    }

    @Override
    void dropFresh() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, null); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
