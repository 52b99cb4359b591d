package io.tandem.it.harness;

import java.lang.reflect.Field;
import java.util.List;
import org.apache.hadoop.util.ServicePlugin;

/** Finds the plugin instances a NameNode or DataNode loaded (they keep them in a private field). Tests only. */
final class Plugins {
  private Plugins() {}

  static <T extends ServicePlugin> T of(Object daemon, Class<T> type) {
    try {
      Field f = daemon.getClass().getDeclaredField("plugins");
      f.setAccessible(true);
      List<?> plugins = (List<?>) f.get(daemon);
      if (plugins == null) {
        return null;
      }
      for (Object p : plugins) {
        if (type.isInstance(p)) {
          return type.cast(p);
        }
      }
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the plugins of " + daemon.getClass().getSimpleName(), e);
    }
  }
}
