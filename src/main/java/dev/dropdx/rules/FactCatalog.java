package dev.dropdx.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Every fact type a rule can match (the records of {@code dev.dropdx.fact}) with its fields: names
 * and types come from the classes themselves, meanings from their Javadoc (copied into
 * {@value #DOCS} by FactCatalogTest, which fails when the copy and the sources differ).
 */
@Component
public class FactCatalog {
  static final String DOCS = "reference/fact-docs.properties";
  static final String PACKAGE = "dev.dropdx.fact";
  private static final Pattern EXAMPLE = Pattern.compile("e\\.g\\.,? ([^;()]+?)(?:[;)]|, |$)");

  private final List<FactType> types;

  public FactCatalog() {
    Properties docs = loadDocs();
    this.types = recordClasses().stream().map(c -> describe(c, docs)).toList();
  }

  /** The fact types, by name. */
  public List<FactType> types() {
    return types;
  }

  /** The record classes of the fact package, found on the class path (also inside the jar). */
  public static List<Class<?>> recordClasses() {
    var scanner = new ClassPathScanningCandidateComponentProvider(false) {
      @Override
      protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition d) {
        return d.getMetadata().isIndependent();
      }
    };
    scanner.addIncludeFilter((reader, factory) -> true);
    List<Class<?>> out = new ArrayList<>();
    for (BeanDefinition d : scanner.findCandidateComponents(PACKAGE)) {
      Class<?> c = ClassUtils.resolveClassName(d.getBeanClassName(), FactCatalog.class.getClassLoader());
      if (c.isRecord() && c.getPackageName().equals(PACKAGE)) {
        out.add(c);
      }
    }
    out.sort(Comparator.comparing(Class::getSimpleName));
    return out;
  }

  private static FactType describe(Class<?> type, Properties docs) {
    List<FactField> fields = Arrays.stream(type.getRecordComponents())
        .map(rc -> field(type, rc, docs))
        .toList();
    return new FactType(type.getSimpleName(), docs.getProperty(type.getSimpleName(), ""), fields);
  }

  private static FactField field(Class<?> owner, RecordComponent rc, Properties docs) {
    String meaning = docs.getProperty(owner.getSimpleName() + "." + rc.getName(), "");
    return new FactField(rc.getName(), typeName(rc), meaning, example(rc.getType(), meaning));
  }

  private static String typeName(RecordComponent rc) {
    return rc.getGenericType().getTypeName().replaceAll("[a-z][a-zA-Z0-9_]*\\.", "").replace('$', '.');
  }

  /** An example from the Javadoc ("e.g. ..."), else what the type allows (enum constants, booleans). */
  static String example(Class<?> type, String meaning) {
    Matcher m = EXAMPLE.matcher(meaning);
    if (m.find()) {
      return m.group(1).trim();
    }
    if (type.isEnum()) {
      return String.join(" | ", Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList());
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true | false";
    }
    return "";
  }

  private static Properties loadDocs() {
    Properties p = new Properties();
    try (InputStream in = FactCatalog.class.getClassLoader().getResourceAsStream(DOCS)) {
      if (in != null) {
        p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /**
   * One fact type.
   *
   * @param name simple class name, as DRL patterns use it
   * @param summary the first sentence of its Javadoc
   * @param fields its record components, in order
   */
  public record FactType(String name, String summary, List<FactField> fields) {}

  /**
   * One field of a fact.
   *
   * @param name the name DRL uses
   * @param type its Java type, without packages
   * @param meaning from the record's Javadoc
   * @param example an example value ("" when neither the Javadoc nor the type gives one)
   */
  public record FactField(String name, String type, String meaning, String example) {}
}
