package io.tandem.hadoop.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DFSUtil;

/**
 * Reads the Tandem agent's health from each NameNode's {@code /jmx} servlet. Used by {@code tandem status} when
 * ZooKeeper cannot be read, so an agent that cannot reach ZooKeeper still explains itself.
 */
public final class NameNodeJmxProbe {
  private static final String QUERY = "/jmx?qry=Hadoop:service=NameNode,name=TandemAgent*";

  private final ObjectMapper mapper = new ObjectMapper();
  private final int timeoutMs;

  public NameNodeJmxProbe(int timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  /** One map per agent bean found (tags and gauges by name, plus the NameNode's address); problems as entries. */
  public List<Map<String, String>> probe(Configuration conf) {
    List<Map<String, String>> out = new ArrayList<>();
    List<URI> servers;
    try {
      servers = infoServers(conf);
    } catch (IOException | RuntimeException e) {
      out.add(Map.of("error", "cannot find the NameNodes' web addresses: " + e.getMessage()));
      return out;
    }
    for (URI server : servers) {
      try {
        out.addAll(read(server));
      } catch (IOException e) {
        out.add(Map.of("namenode", server.toString(), "error", "cannot read " + server + QUERY + ": " + e));
      }
    }
    return out;
  }

  private static List<URI> infoServers(Configuration conf) throws IOException {
    List<URI> uris = new ArrayList<>();
    String scheme = DFSUtil.getHttpClientScheme(conf);
    for (Map<String, InetSocketAddress> nns : DFSUtil.getNNServiceRpcAddressesForCluster(conf).values()) {
      for (InetSocketAddress rpc : nns.values()) {
        uris.add(DFSUtil.getInfoServer(rpc, conf, scheme));
      }
    }
    return uris;
  }

  private List<Map<String, String>> read(URI server) throws IOException {
    URL url = URI.create(server.toString() + QUERY).toURL();
    HttpURLConnection c = (HttpURLConnection) url.openConnection();
    c.setConnectTimeout(timeoutMs);
    c.setReadTimeout(timeoutMs);
    List<Map<String, String>> out = new ArrayList<>();
    try (InputStream in = c.getInputStream()) {
      JsonNode beans = mapper.readTree(in).path("beans");
      for (JsonNode bean : beans) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("namenode", server.toString());
        Iterator<Map.Entry<String, JsonNode>> fields = bean.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> f = fields.next();
          String name = f.getKey().startsWith("tag.") ? f.getKey().substring(4) : f.getKey();
          if (!name.equals("modelerType") && !name.equals("name") && !name.equals("Context")) {
            m.put(name, f.getValue().isNull() ? "" : f.getValue().asText());
          }
        }
        out.add(m);
      }
    } finally {
      c.disconnect();
    }
    return out;
  }
}
