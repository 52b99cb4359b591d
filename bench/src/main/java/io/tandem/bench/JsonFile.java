package io.tandem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/** Writes a bench's results as indented JSON, creating the file's directory. */
final class JsonFile {
  private JsonFile() {}

  static void write(Map<String, Object> json, File file) throws IOException {
    File dir = file.getAbsoluteFile().getParentFile();
    if (dir != null && !dir.isDirectory() && !dir.mkdirs()) {
      throw new IOException("cannot create " + dir);
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file, json);
  }

  /** Writes the results to {@code file} and says where, when a file was asked for (not null). */
  static void writeIfAsked(Map<String, Object> json, File file, PrintStream out) throws IOException {
    if (file != null) {
      write(json, file);
      out.println("JSON: " + file.getPath());
    }
  }
}
