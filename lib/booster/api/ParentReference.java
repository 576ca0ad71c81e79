package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A Gateway a ModelRoute attaches to: the Gateway API {@code ParentReference}, with its bounds and
 * patterns, copied into the ModelRoute's {@code spec.parentRefs}. {@code group} and {@code kind}
 * default to {@code gateway.networking.k8s.io} and {@code Gateway} in the ModelRoute CRD.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"group", "kind", "namespace", "name", "sectionName", "port"})
public class ParentReference {
  @Size(max = Patterns.MAX_DNS_SUBDOMAIN)
  @Pattern(Patterns.GROUP)
  private String group;

  @Size(min = 1, max = Patterns.MAX_LABEL_VALUE)
  @Pattern(Patterns.KIND)
  private String kind;

  @Size(min = 1, max = Patterns.MAX_LABEL_VALUE)
  @Pattern(Patterns.DNS_LABEL)
  private String namespace;

  @Required
  @Size(min = 1, max = Patterns.MAX_DNS_SUBDOMAIN)
  private String name;

  @Size(min = 1, max = Patterns.MAX_DNS_SUBDOMAIN)
  @Pattern(Patterns.DNS_SUBDOMAIN)
  private String sectionName;

  @Min(1)
  @Max(65535)
  private Integer port;

  public String getGroup() {
    return group;
  }

  public void setGroup(String group) {
    this.group = group;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getSectionName() {
    return sectionName;
  }

  public void setSectionName(String sectionName) {
    this.sectionName = sectionName;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }
}
