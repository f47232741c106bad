package io.cqrsconnect.packaging.quickstart;

/**
 * The quickstart's legacy shop: customers and their orders, with a few rows to start from. The orders are placed
 * once the capture has installed its changelog: changelog capture sees the changes made after that, not the rows
 * that were there before.
 */
final class QuickstartSchema {

    static final String[] LEGACY = {
        "CREATE TABLE customers (id BIGINT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, city TEXT)",
        "CREATE TABLE orders (id BIGSERIAL PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers (id), "
                + "status TEXT NOT NULL, total NUMERIC(10,2) NOT NULL, placed_at TIMESTAMPTZ NOT NULL, "
                + "internal_note TEXT)",
        "INSERT INTO customers VALUES (1, 'Ada Lovelace', 'ada@example.com', 'London'), "
                + "(2, 'Grace Hopper', 'grace@example.com', 'Arlington'), "
                + "(3, 'Edsger Dijkstra', 'edsger@example.com', 'Nuenen')"
    };

    static final String[] FIRST_ORDERS = {
        "INSERT INTO orders (customer_id, status, total, placed_at, internal_note) VALUES "
                + "(1, 'SHIPPED', 120.00, '2026-11-01T09:30:00Z', 'gift wrap'), "
                + "(1, 'NEW', 35.50, '2026-11-20T14:00:00Z', NULL), "
                + "(3, 'PAID', 12.75, '2026-11-24T08:15:00Z', 'call before delivery')"
    };

    private QuickstartSchema() {
    }
}
