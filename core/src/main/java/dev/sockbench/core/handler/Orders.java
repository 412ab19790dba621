package dev.sockbench.core.handler;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The orders the load generator sends and what the server does to them. A request is built from a
 * seed, so a generator knows the reply it must get back; its number of items sets its size.
 */
public final class Orders {
    /** A request's status. */
    public static final String NEW = "NEW";
    /** The server's stamp on its reply. */
    public static final String PRICED = "PRICED";

    /** Most items in an order: about 64 KiB of JSON above the largest payload the handlers aim at. */
    static final int MAX_ITEMS = 4_096;

    private static final String[] WORDS = {
        "socket",
        "kernel",
        "buffer",
        "thread",
        "loop",
        "frame",
        "epoll",
        "carrier",
        "queue",
        "latency",
        "payload",
        "channel",
        "selector",
        "ring",
        "batch",
        "signal"
    };

    private Orders() {}

    /**
     * The request of {@code seed} whose JSON body is as close to {@code bodyBytes} as whole items
     * allow without exceeding it, and has at least one item. The JSON size is the yardstick for
     * both codecs, so json and protobuf carry the same order at a given {@code --payload}.
     */
    public static Order request(long seed, int bodyBytes) {
        int low = 1;
        int high = MAX_ITEMS;
        OrderCodec json = HandlerKind.JSON.codec();
        while (low < high) { // the most items whose JSON fits
            int mid = (low + high + 1) >>> 1;
            if (json.encode(withItems(seed, mid)).length <= bodyBytes) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return withItems(seed, low);
    }

    /** The request of {@code seed} with {@code items} items; the same seed gives the same first items. */
    static Order withItems(long seed, int items) {
        SplittableRandom random = new SplittableRandom(seed);
        long orderId = random.nextLong(1, 1L << 48);
        String customerId = String.format("C-%010d", random.nextLong(10_000_000_000L));
        String customerName = word(random) + " " + word(random);
        long createdAtMs = 1_700_000_000_000L + random.nextLong(100_000_000_000L);
        List<Order.Item> lines = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            lines.add(new Order.Item(
                    String.format("SKU-%08d", random.nextInt(100_000_000)),
                    word(random) + " " + word(random),
                    random.nextLong(1, 100_000),
                    random.nextInt(1, 21),
                    0));
        }
        return new Order(orderId, customerId, customerName, createdAtMs, List.copyOf(lines), 0, NEW);
    }

    /**
     * What the server does to a request: each item's line total (price × quantity), the order's
     * total, and its stamp ({@link #PRICED}).
     *
     * @throws MalformedRequestException when an item is missing or a total overflows
     */
    public static Order price(Order request) throws MalformedRequestException {
        try {
            List<Order.Item> lines = new ArrayList<>(request.items().size());
            long total = 0;
            for (Order.Item item : request.items()) {
                long line = Math.multiplyExact(item.priceCents(), item.quantity());
                total = Math.addExact(total, line);
                lines.add(new Order.Item(item.sku(), item.name(), item.priceCents(), item.quantity(), line));
            }
            return new Order(
                    request.orderId(),
                    request.customerId(),
                    request.customerName(),
                    request.createdAtMs(),
                    lines,
                    total,
                    PRICED);
        } catch (ArithmeticException | NullPointerException e) {
            throw new MalformedRequestException("cannot price the order: " + e, e);
        }
    }

    private static String word(SplittableRandom random) {
        return WORDS[random.nextInt(WORDS.length)];
    }
}
