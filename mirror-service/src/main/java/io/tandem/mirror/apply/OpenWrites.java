package io.tandem.mirror.apply;

import java.util.EnumSet;
import org.apache.hadoop.hdfs.client.HdfsDataOutputStream;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Output streams kept open between the chunks of one file, so a large file or append is one HDFS write pipeline
 * rather than one per chunk. Keyed by the path being written; each knows its position. Several apply threads share
 * it, but never for the same path at once (a file's next chunk is sent only after the last was answered).
 */
final class OpenWrites {
  private static final Logger LOG = LoggerFactory.getLogger(OpenWrites.class);

  private final DistributedFileSystem fs;
  private final Map<Path, FSDataOutputStream> streams = new ConcurrentHashMap<>();

  OpenWrites(DistributedFileSystem fs) {
    this.fs = fs;
  }

  void create(Path path, FsPermission permission) throws IOException {
    abort(path);
    streams.put(path, fs.create(path, permission, true, fs.getConf().getInt("io.file.buffer.size", 4096),
        fs.getDefaultReplication(path), fs.getDefaultBlockSize(path), null));
  }

  void append(Path path, long expectedPosition) throws IOException {
    abort(path);
    FSDataOutputStream out = fs.append(path);
    if (out.getPos() != expectedPosition) {
      out.close();
      throw new IOException("append to " + path + " opened at " + out.getPos() + ", expected " + expectedPosition);
    }
    streams.put(path, out);
  }

  boolean isOpen(Path path) {
    return streams.containsKey(path);
  }

  boolean isOpenAt(Path path, long position) throws IOException {
    FSDataOutputStream out = streams.get(path);
    return out != null && out.getPos() == position;
  }

  long position(Path path) throws IOException {
    return streams.get(path).getPos();
  }

  void write(Path path, byte[] data) throws IOException {
    write(path, data, 0, data.length);
  }

  void write(Path path, byte[] data, int off, int len) throws IOException {
    streams.get(path).write(data, off, len);
  }

  /**
   * Makes the stream's bytes durable and its length the file's length at the NameNode (so listings and lengths, not
   * only readers, see them), and keeps it open; returns its position.
   */
  long syncKeepingOpen(Path path) throws IOException {
    FSDataOutputStream out = streams.get(path);
    if (out instanceof HdfsDataOutputStream) {
      ((HdfsDataOutputStream) out).hsync(EnumSet.of(HdfsDataOutputStream.SyncFlag.UPDATE_LENGTH));
    } else {
      out.hsync();
    }
    return out.getPos();
  }

  /** The stream of {@code from}, and of everything below it, now writes {@code to} (renamed while open). */
  void moved(Path from, Path to) {
    String src = from.toUri().getPath();
    String prefix = src + "/";
    for (Path p : streams.keySet().toArray(new Path[0])) {
      String s = p.toUri().getPath();
      if (s.equals(src) || s.startsWith(prefix)) {
        FSDataOutputStream out = streams.remove(p);
        if (out != null) {
          streams.put(new Path(to.toUri().getPath() + s.substring(src.length())), out);
        }
      }
    }
  }

  /** Closes the stream, making the bytes durable; returns the file's length. Nothing open: the file's length. */
  long close(Path path) throws IOException {
    FSDataOutputStream out = streams.remove(path);
    if (out == null) {
      return fs.getFileStatus(path).getLen();
    }
    long pos = out.getPos();
    out.close();
    return pos;
  }

  void abort(Path path) {
    FSDataOutputStream out = streams.remove(path);
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        LOG.debug("closing abandoned stream to {}: {}", path, e.toString());
      }
    }
  }

  /** Aborts every stream to {@code dir} or below (it is being deleted). */
  void abortUnder(Path dir) {
    String prefix = dir.toUri().getPath() + "/";
    Iterator<Map.Entry<Path, FSDataOutputStream>> it = streams.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Path, FSDataOutputStream> e = it.next();
      String p = e.getKey().toUri().getPath();
      if (p.equals(dir.toUri().getPath()) || p.startsWith(prefix)) {
        it.remove();
        try {
          e.getValue().close();
        } catch (IOException ex) {
          LOG.debug("closing stream to deleted {}: {}", p, ex.toString());
        }
      }
    }
  }

  void closeAll() {
    for (Path p : streams.keySet().toArray(new Path[0])) {
      abort(p);
    }
  }
}
