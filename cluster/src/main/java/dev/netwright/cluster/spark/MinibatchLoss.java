package dev.netwright.cluster.spark;

import org.deeplearning4j.core.storage.Persistable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * One minibatch a Spark worker trained: which worker, its iteration, its training loss and examples. Sent back to the
 * driver with the worker's result through DL4J's listener routing ({@link LossReporter}, {@link LossCollector}).
 */
final class MinibatchLoss implements Persistable {
    static final String TYPE = "netwright-minibatch-loss";
    private static final long serialVersionUID = 1L;

    private String sessionId;
    private String workerId;
    private long iteration;
    private double loss;
    private int examples;
    private long timestamp;

    MinibatchLoss(String sessionId, String workerId, long iteration, double loss, int examples, long timestamp) {
        this.sessionId = sessionId == null ? "" : sessionId;
        this.workerId = workerId == null ? "" : workerId;
        this.iteration = iteration;
        this.loss = loss;
        this.examples = examples;
        this.timestamp = timestamp;
    }

    long iteration() {
        return iteration;
    }

    double loss() {
        return loss;
    }

    int examples() {
        return examples;
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public String getTypeID() {
        return TYPE;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    @Override
    public int encodingLengthBytes() {
        return encode().length;
    }

    @Override
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            encode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    @Override
    public void encode(ByteBuffer buffer) {
        buffer.put(encode());
    }

    @Override
    public void encode(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeUTF(sessionId);
        data.writeUTF(workerId);
        data.writeLong(iteration);
        data.writeDouble(loss);
        data.writeInt(examples);
        data.writeLong(timestamp);
        data.flush();
    }

    @Override
    public void decode(byte[] bytes) {
        try {
            decode(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void decode(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        decode(bytes);
    }

    @Override
    public void decode(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        sessionId = data.readUTF();
        workerId = data.readUTF();
        iteration = data.readLong();
        loss = data.readDouble();
        examples = data.readInt();
        timestamp = data.readLong();
    }
}
