package dev.sockbench.core.handler;

import java.util.List;

/**
 * The order message of the {@code json} and {@code protobuf} handlers: ids, a customer, items
 * with prices and quantities, a timestamp. A request carries {@code lineTotalCents} and {@code
 * totalCents} 0 and status {@code NEW}; the reply is the same order priced ({@link Orders#price}).
 * Money is in cents, so totals are exact. {@code order.proto} has the same fields.
 */
public record Order(
        long orderId,
        String customerId,
        String customerName,
        long createdAtMs,
        List<Item> items,
        long totalCents,
        String status) {

    /** One line of an order. */
    public record Item(String sku, String name, long priceCents, int quantity, long lineTotalCents) {}
}
