package io.tandem.migrate.move;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import org.apache.hadoop.fs.StorageType;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;
import org.apache.hadoop.hdfs.protocol.ExtendedBlock;
import org.apache.hadoop.hdfs.protocol.datatransfer.DataTransferProtoUtil;
import org.apache.hadoop.hdfs.protocol.datatransfer.IOStreamPair;
import org.apache.hadoop.hdfs.protocol.datatransfer.Sender;
import org.apache.hadoop.hdfs.protocol.proto.DataTransferProtos.BlockOpResponseProto;
import org.apache.hadoop.hdfs.protocol.proto.DataTransferProtos.Status;
import org.apache.hadoop.hdfs.protocolPB.PBHelperClient;
import org.apache.hadoop.hdfs.security.token.block.BlockTokenIdentifier;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.apache.hadoop.net.NetUtils;
import org.apache.hadoop.security.token.Token;

/**
 * Copies one replica to a target DataNode with HDFS's own {@code replaceBlock}, as the Balancer's dispatcher does:
 * the request goes to the target, which copies the block from the source (the proxy) under its balancing throttle,
 * tells the NameNode it received the block with the source as delete hint, and answers. The NameNode adds the
 * target's replica before it removes the source's, so the live replica count never drops; a replica whose
 * generation stamp no longer matches (the block was appended meanwhile) is reported corrupt and discarded by the
 * NameNode, never counted.
 */
public final class ReplaceBlockTransfer implements BlockTransfer {
  private static final int IO_BUFFER = 4096;

  private final NameNodeConnection namenode;
  private final int readTimeoutMs;

  public ReplaceBlockTransfer(NameNodeConnection namenode, int readTimeoutMs) {
    this.namenode = namenode;
    this.readTimeoutMs = readTimeoutMs;
  }

  @Override
  public void copy(long blockId, long generationStamp, long numBytes, DatanodeInfo source, DatanodeInfo target,
      StorageType targetType) throws IOException {
    ExtendedBlock block = new ExtendedBlock(namenode.blockPoolId(), blockId, numBytes, generationStamp);
    try (Socket socket = new Socket()) {
      socket.connect(NetUtils.createSocketAddr(target.getXferAddr()), HdfsConstants.READ_TIMEOUT);
      // The target sends IN_PROGRESS while it copies, so a read timeout only fires when it went silent.
      socket.setSoTimeout(readTimeoutMs);
      socket.setKeepAlive(true);
      Token<BlockTokenIdentifier> token = namenode.keys().getAccessToken(block, new StorageType[] {targetType},
          new String[0]);
      IOStreamPair streams = namenode.sasl().socketSend(socket, socket.getOutputStream(), socket.getInputStream(),
          namenode.keys(), token, target);
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(streams.out, IO_BUFFER));
      DataInputStream in = new DataInputStream(new BufferedInputStream(streams.in, IO_BUFFER));
      new Sender(out).replaceBlock(block, targetType, token, source.getDatanodeUuid(), source, null);
      out.flush();
      BlockOpResponseProto response = BlockOpResponseProto.parseFrom(PBHelperClient.vintPrefixed(in));
      while (response.getStatus() == Status.IN_PROGRESS) {
        response = BlockOpResponseProto.parseFrom(PBHelperClient.vintPrefixed(in));
      }
      DataTransferProtoUtil.checkBlockOpStatus(response, "replaceBlock of " + block + " from "
          + source.getXferAddr() + " to " + target.getXferAddr(), true);
    }
  }
}
