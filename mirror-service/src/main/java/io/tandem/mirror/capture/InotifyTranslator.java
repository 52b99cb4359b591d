package io.tandem.mirror.capture;

import io.tandem.mirror.protocol.MirrorRequest.FileAttributes;
import io.tandem.mirror.protocol.VolumePaths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.XAttr;
import org.apache.hadoop.fs.permission.AclEntry;
import org.apache.hadoop.hdfs.inotify.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the NameNode's inotify events into changes of one volume. Pure: events that do not touch the volume yield
 * nothing, renames across its boundary become deletes or subtree copies, a rename or delete of a directory above
 * the root acts on the whole volume (as one of the root itself would), and Tandem's own staging directory is never
 * mirrored.
 */
public final class InotifyTranslator {
  private static final Logger LOG = LoggerFactory.getLogger(InotifyTranslator.class);

  private final String volume;
  private final String root;

  public InotifyTranslator(String volume, String root) {
    this.volume = volume;
    this.root = root;
  }

  /** The changes {@code event} makes to this volume, numbered from {@code firstIndex}. */
  public List<Change> translate(Event event, long txid, int firstIndex) {
    List<Change> out = new ArrayList<>(1);
    int i = firstIndex;
    switch (event.getEventType()) {
      case CREATE: {
        Event.CreateEvent e = (Event.CreateEvent) event;
        String rel = inside(e.getPath());
        if (rel == null) {
          break;
        }
        FileAttributes a = FileAttributes.of(e.getPerms() == null ? null : e.getPerms().toShort(), e.getOwnerName(),
            e.getGroupName());
        if (e.getiNodeType() == Event.CreateEvent.INodeType.DIRECTORY) {
          out.add(new Change(Change.Kind.MKDIR, volume, txid, i, rel, null, a, -1));
        } else if (e.getiNodeType() == Event.CreateEvent.INodeType.FILE) {
          out.add(new Change(Change.Kind.OPENED_NEW, volume, txid, i, rel, null, a, -1));
        } else {
          LOG.warn("Volume {}: symlink {} is not mirrored", volume, e.getPath());
        }
        break;
      }
      case CLOSE: {
        Event.CloseEvent e = (Event.CloseEvent) event;
        String rel = inside(e.getPath());
        if (rel != null) {
          out.add(Change.closed(volume, txid, i, rel, e.getFileSize(), e.getTimestamp()));
        }
        break;
      }
      case APPEND: {
        String rel = inside(((Event.AppendEvent) event).getPath());
        if (rel != null) {
          out.add(new Change(Change.Kind.OPENED_FOR_APPEND, volume, txid, i, rel, null, null, -1));
        }
        break;
      }
      case RENAME: {
        Event.RenameEvent e = (Event.RenameEvent) event;
        String src = inside(e.getSrcPath());
        String dst = inside(e.getDstPath());
        if (src != null && dst != null) {
          out.add(new Change(Change.Kind.RENAME, volume, txid, i, src, dst, null, -1));
        } else if (src != null) {
          out.add(new Change(Change.Kind.DELETE, volume, txid, i, src, null, null, -1));
        } else if (dst != null) {
          out.add(new Change(Change.Kind.SYNC_TREE, volume, txid, i, dst, null, null, -1));
        } else if (isAncestor(e.getDstPath())) {
          // A directory above the volume moved into place: whatever now stands at the root is the volume.
          LOG.warn("Volume {}: {} was renamed to {}, above the volume's root {}; the peer is made equal to what is"
              + " there now", volume, e.getSrcPath(), e.getDstPath(), root);
          out.add(new Change(Change.Kind.SYNC_TREE, volume, txid, i, "", null, null, -1));
        } else if (isAncestor(e.getSrcPath())) {
          LOG.warn("Volume {}: {}, above the volume's root {}, was renamed to {}; the volume's directory is gone"
              + " from its path, and so from the peer's", volume, e.getSrcPath(), root, e.getDstPath());
          out.add(new Change(Change.Kind.DELETE, volume, txid, i, "", null, null, -1));
        }
        break;
      }
      case UNLINK: {
        String path = ((Event.UnlinkEvent) event).getPath();
        String rel = inside(path);
        if (rel != null) {
          out.add(new Change(Change.Kind.DELETE, volume, txid, i, rel, null, null, -1));
        } else if (isAncestor(path)) {
          LOG.warn("Volume {}: {}, above the volume's root {}, was deleted; so is the volume on the peer", volume,
              path, root);
          out.add(new Change(Change.Kind.DELETE, volume, txid, i, "", null, null, -1));
        }
        break;
      }
      case TRUNCATE: {
        Event.TruncateEvent e = (Event.TruncateEvent) event;
        String rel = inside(e.getPath());
        if (rel != null) {
          out.add(new Change(Change.Kind.TRUNCATE, volume, txid, i, rel, null, null, e.getFileSize()));
        }
        break;
      }
      case METADATA: {
        Event.MetadataUpdateEvent e = (Event.MetadataUpdateEvent) event;
        String rel = inside(e.getPath());
        if (rel != null) {
          FileAttributes a = attributes(e);
          if (a != null) {
            out.add(new Change(Change.Kind.SET_ATTRIBUTES, volume, txid, i, rel, null, a, -1));
          }
        }
        break;
      }
      default:
        break;
    }
    return out;
  }

  private static FileAttributes attributes(Event.MetadataUpdateEvent e) {
    switch (e.getMetadataType()) {
      case TIMES:
        return new FileAttributes(null, null, null, e.getMtime() >= 0 ? e.getMtime() : null,
            e.getAtime() >= 0 ? e.getAtime() : null, null, null, null, null);
      case REPLICATION:
        return new FileAttributes(null, null, null, null, null, (short) e.getReplication(), null, null, null);
      case OWNER:
        return FileAttributes.of(null, e.getOwnerName(), e.getGroupName());
      case PERMS:
        return FileAttributes.of(e.getPerms().toShort(), null, null);
      case ACLS: {
        List<String> acl = new ArrayList<>();
        if (e.getAcls() != null) {
          for (AclEntry a : e.getAcls()) {
            acl.add(a.toStringStable());
          }
        }
        return new FileAttributes(null, null, null, null, null, null, acl, null, null);
      }
      case XATTRS: {
        Map<String, String> set = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        for (XAttr x : e.getxAttrs()) {
          String name = x.getNameSpace().toString().toLowerCase(java.util.Locale.ROOT) + "." + x.getName();
          if (name.startsWith("trusted.tandem.")) {
            continue; // Tandem's own bookkeeping stays local
          }
          if (e.isxAttrsRemoved()) {
            removed.add(name);
          } else {
            set.put(name, Base64.getEncoder().encodeToString(x.getValue() == null ? new byte[0] : x.getValue()));
          }
        }
        if (set.isEmpty() && removed.isEmpty()) {
          return null;
        }
        return new FileAttributes(null, null, null, null, null, null, null, set.isEmpty() ? null : set,
            removed.isEmpty() ? null : removed);
      }
      default:
        return null;
    }
  }

  /** Whether {@code absolute} is a directory above the volume's root (which a rename or delete takes along). */
  private boolean isAncestor(String absolute) {
    return !absolute.equals(root) && VolumePaths.relativize(absolute, root) != null;
  }

  /** The path relative to the volume, or null when outside it or inside Tandem's reserved directory. */
  String inside(String absolute) {
    String rel = VolumePaths.relativize(root, absolute);
    if (rel == null) {
      return null;
    }
    if (VolumePaths.isTandemOwn(rel)) {
      return null;
    }
    return rel;
  }
}
