package dev.sockbench.bench.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * A task on its way to an agent through the executor service: the task's JSON and its signature,
 * nothing else (no code, no command). Run on the agent, it hands both to the {@link Agent} the
 * member was started with, which checks the signature before it reads the task; on a member
 * without an agent (the controller) it is refused. Serialized by Hazelcast as our own {@link
 * IdentifiedDataSerializable}, never by Java serialization.
 */
public final class SignedTask implements Callable<byte[]>, IdentifiedDataSerializable, HazelcastInstanceAware {
    static final int FACTORY_ID = 0x50cb;
    private static final int CLASS_ID = 1;
    static final DataSerializableFactory FACTORY = id -> id == CLASS_ID ? new SignedTask() : null;

    private byte[] body;
    private byte[] signature;
    private transient HazelcastInstance member;

    public SignedTask() {}

    SignedTask(byte[] body, byte[] signature) {
        this.body = body;
        this.signature = signature;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public byte[] call() {
        Object agent = member == null ? null : member.getUserContext().get(Agent.CONTEXT_KEY);
        if (!(agent instanceof Agent a)) {
            return Wire.json(Wire.Reply.failed("(not an agent)", "refused: this member is not a sockbench agent"));
        }
        return a.handle(body, signature);
    }

    @Override
    public int getFactoryId() {
        return FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return CLASS_ID;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByteArray(body);
        out.writeByteArray(signature);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        body = in.readByteArray();
        signature = in.readByteArray();
    }
}
