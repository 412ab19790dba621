package dev.sockbench.core.handler;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sockbench.core.handler.proto.OrderProto;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Order} as protobuf ({@code order.proto}, compiled in the build). It decodes into the
 * generated message and maps it to the same {@link Order} the JSON handler uses, so both run one
 * transform; the mapping is part of what the handler costs, as it is in a service with its own
 * domain types.
 */
final class ProtobufOrderCodec implements OrderCodec {
    @Override
    public byte[] encode(Order order) {
        OrderProto.Order.Builder message = OrderProto.Order.newBuilder()
                .setOrderId(order.orderId())
                .setCustomerId(order.customerId())
                .setCustomerName(order.customerName())
                .setCreatedAtMs(order.createdAtMs())
                .setTotalCents(order.totalCents())
                .setStatus(order.status());
        for (Order.Item item : order.items()) {
            message.addItems(OrderProto.Item.newBuilder()
                    .setSku(item.sku())
                    .setName(item.name())
                    .setPriceCents(item.priceCents())
                    .setQuantity(item.quantity())
                    .setLineTotalCents(item.lineTotalCents()));
        }
        return message.build().toByteArray();
    }

    @Override
    public Order decode(byte[] bytes, int offset, int length) throws MalformedRequestException {
        OrderProto.Order message;
        try {
            message = OrderProto.Order.parseFrom(java.nio.ByteBuffer.wrap(bytes, offset, length));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new MalformedRequestException("not a protobuf order: " + e.getMessage(), e);
        }
        List<Order.Item> items = new ArrayList<>(message.getItemsCount());
        for (OrderProto.Item item : message.getItemsList()) {
            items.add(new Order.Item(
                    item.getSku(), item.getName(), item.getPriceCents(), item.getQuantity(), item.getLineTotalCents()));
        }
        return new Order(
                message.getOrderId(),
                message.getCustomerId(),
                message.getCustomerName(),
                message.getCreatedAtMs(),
                items,
                message.getTotalCents(),
                message.getStatus());
    }
}
