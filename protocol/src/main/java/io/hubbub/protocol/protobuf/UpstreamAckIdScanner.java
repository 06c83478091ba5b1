package io.hubbub.protocol.protobuf;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Best-effort ackId of an {@code UpstreamMessage} the parser rejected, so a frame damaged after its ack id (a bad
 * UTF-8 string, a truncated payload) still gets a {@code BadRequest} ack instead of a close (PROTOCOL.md §7.1).
 *
 * <p>Walks the top-level fields up to the first defect; inside each message type that has an {@code ack_id}, reads
 * that varint if it comes before the message's first defect. The last ack id read wins, as in protobuf merging.
 */
final class UpstreamAckIdScanner {

    private UpstreamAckIdScanner() {
    }

    /** The ackId, or null when none could be read. */
    static Long scan(byte[] bytes, int offset, int length) {
        CodedInputStream in = CodedInputStream.newInstance(bytes, offset, length);
        Long ackId = null;
        try {
            int tag;
            while ((tag = in.readTag()) != 0) {
                int ackField = ackIdField(WireFormat.getTagFieldNumber(tag));
                if (ackField == 0 || WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    in.skipField(tag);
                    continue;
                }
                int declared = in.readRawVarint32();
                int start = offset + in.getTotalBytesRead();
                int available = Math.min(Math.max(declared, 0), offset + length - start);
                Long inner = scanMessage(bytes, start, available, ackField);
                if (inner != null) {
                    ackId = inner;
                }
                if (available < declared || declared < 0) {
                    break; // truncated: nothing after it can be read
                }
                in.skipRawBytes(declared);
            }
        } catch (IOException e) {
            // the defect the parser found: keep what was read before it
        }
        return ackId;
    }

    private static Long scanMessage(byte[] bytes, int offset, int length, int ackField) {
        CodedInputStream in = CodedInputStream.newInstance(bytes, offset, length);
        Long ackId = null;
        try {
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (tag == (ackField << 3 | WireFormat.WIRETYPE_VARINT)) {
                    ackId = in.readRawVarint64();
                } else {
                    in.skipField(tag);
                }
            }
        } catch (IOException e) {
            // keep what was read before the defect
        }
        return ackId;
    }

    /** The field number of {@code ack_id} inside the upstream message type numbered {@code field}; 0 if none. */
    private static int ackIdField(int field) {
        return switch (field) {
            case 1, 6, 7, 15, 16, 17 -> 2; // send to group, join, leave, and the group state requests
            case 5 -> 3; // event
            default -> 0;
        };
    }
}
