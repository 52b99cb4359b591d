package io.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The drop-in jar holds the classes of every Tandem module and nothing else, and with Hadoop's own classpath (and
 * no Tandem module on it) the plugins load.
 */
class PluginJarIT {
  private static final File JAR = new File(System.getProperty("tandem.plugin.jar", "missing"));
  private static final File ROOT = JAR.getAbsoluteFile().getParentFile().getParentFile().getParentFile();
  private static final List<String> MODULES = List.of("zk-coordination", "mirror-service", "block-migrator", "hadoop-plugin");

  private static Set<String> jarEntries() throws IOException {
    Set<String> names = new TreeSet<>();
    try (JarFile jar = new JarFile(JAR)) {
      Enumeration<JarEntry> e = jar.entries();
      while (e.hasMoreElements()) {
        names.add(e.nextElement().getName());
      }
    }
    return names;
  }

  @Test
  void theOnlyDropInJarHoldsOnlyTandemClasses() throws IOException {
    assertTrue(JAR.isFile(), "no plugin jar at " + JAR + " (run mvn package)");
    File[] named = JAR.getParentFile().listFiles((d, n) -> n.startsWith("tandem-") && n.endsWith(".jar")
        && !n.endsWith("-sources.jar") && !n.endsWith("-tests.jar"));
    assertEquals(1, named.length, "expected exactly one tandem-*.jar, found " + List.of(named));
    for (String name : jarEntries()) {
      boolean ours = name.startsWith("io/tandem/") || name.equals("io/") || name.equals("META-INF/")
          || name.equals("META-INF/MANIFEST.MF");
      assertTrue(ours, "foreign entry in the plugin jar: " + name);
    }
  }

  @Test
  void everyClassOfEveryModuleIsInTheJar() throws IOException {
    Set<String> entries = jarEntries();
    int checked = 0;
    for (String module : MODULES) {
      Path classes = new File(ROOT, module + "/target/classes").toPath();
      if (!Files.isDirectory(classes)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
          String name = classes.relativize(p).toString().replace(File.separatorChar, '/');
          assertTrue(entries.contains(name), module + " class " + name + " is missing from the plugin jar");
          checked++;
        }
      }
    }
    assertTrue(entries.contains("io/tandem/hadoop/TandemNameNodePlugin.class"));
    assertTrue(entries.contains("io/tandem/hadoop/TandemDataNodePlugin.class"));
    assertTrue(entries.contains("io/tandem/coord/leader/SiteLeadership.class"));
    assertTrue(checked > 20, "only " + checked + " classes found to check");
  }

  @Test
  void pluginsLoadFromTheJarWithHadoopsClasspathAlone() throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(JAR.toURI().toURL());
    String testClasspath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : testClasspath.split(File.pathSeparator)) {
      File f = new File(entry);
      boolean tandemModule = f.getAbsolutePath().startsWith(ROOT.getAbsolutePath())
          || f.getName().startsWith("tandem-") || f.getAbsolutePath().contains(File.separator + "io" + File.separator + "tandem" + File.separator);
      if (!tandemModule && f.exists()) {
        urls.add(f.toURI().toURL());
      }
    }
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        JarFile jar = new JarFile(JAR)) {
      int loaded = 0;
      Enumeration<JarEntry> e = jar.entries();
      while (e.hasMoreElements()) {
        String name = e.nextElement().getName();
        if (!name.endsWith(".class")) {
          continue;
        }
        String className = name.substring(0, name.length() - 6).replace('/', '.');
        try {
          Class<?> c = Class.forName(className, false, loader);
          assertEquals(loader, c.getClassLoader(), className + " came from elsewhere than the jar");
          // Resolving members resolves every type in their signatures.
          c.getDeclaredMethods();
          c.getDeclaredFields();
          c.getDeclaredConstructors();
          loaded++;
        } catch (LinkageError | ClassNotFoundException ex) {
          fail("class " + className + " does not load from the jar with Hadoop's classpath: " + ex);
        }
      }
      assertTrue(loaded > 20);
      for (String plugin : List.of("io.tandem.hadoop.TandemNameNodePlugin", "io.tandem.hadoop.TandemDataNodePlugin")) {
        Object p = Class.forName(plugin, true, loader).getDeclaredConstructor().newInstance();
        assertTrue(Class.forName("org.apache.hadoop.util.ServicePlugin", false, loader).isInstance(p));
      }
      // The other classes the contract names in site XML: the sync client and the REPLICA enforcer.
      Object fs = Class.forName("io.tandem.hadoop.TandemFileSystem", true, loader).getDeclaredConstructor().newInstance();
      assertTrue(Class.forName("org.apache.hadoop.hdfs.DistributedFileSystem", false, loader).isInstance(fs));
      Object provider = Class.forName("io.tandem.hadoop.TandemAttributeProvider", true, loader).getDeclaredConstructor()
          .newInstance();
      assertTrue(Class.forName("org.apache.hadoop.hdfs.server.namenode.INodeAttributeProvider", false, loader)
          .isInstance(provider));
      Object placement = Class.forName("io.tandem.hadoop.LoadAwareBlockPlacementPolicy", true, loader)
          .getDeclaredConstructor().newInstance();
      assertTrue(Class.forName("org.apache.hadoop.hdfs.server.blockmanagement.BlockPlacementPolicy", false, loader)
          .isInstance(placement));
    }
  }
}
