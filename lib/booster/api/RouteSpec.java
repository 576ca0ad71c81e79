package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * One of {@code spec.routes[]}: a ModelRoute {@code <metadata.name>-<name>} besides the main one,
 * with the same targets, weights and LoRA adapters, and its own model name, match, token budget and
 * gateways (nothing is inherited from the main route's {@code spec.modelMatch}, {@code
 * spec.rateLimit} or {@code spec.parentRefs}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "modelName", "modelMatch", "rateLimit", "parentRefs"})
public class RouteSpec {
  @Required
  @Size(max = Patterns.MAX_LABEL_VALUE)
  @Pattern(Patterns.DNS_LABEL)
  private String name;

  /**
   * The model name clients ask for on this route; the booster name when absent. Bounded so the CEL
   * rules comparing names stay within the API server's cost budget.
   */
  @Size(min = 1, max = Patterns.MAX_DNS_SUBDOMAIN)
  private String modelName;

  private ModelMatch modelMatch;
  private RateLimit rateLimit;
  private List<ParentReference> parentRefs;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getModelName() {
    return modelName;
  }

  public void setModelName(String modelName) {
    this.modelName = modelName;
  }

  public ModelMatch getModelMatch() {
    return modelMatch;
  }

  public void setModelMatch(ModelMatch modelMatch) {
    this.modelMatch = modelMatch;
  }

  public RateLimit getRateLimit() {
    return rateLimit;
  }

  public void setRateLimit(RateLimit rateLimit) {
    this.rateLimit = rateLimit;
  }

  public List<ParentReference> getParentRefs() {
    return parentRefs;
  }

  public void setParentRefs(List<ParentReference> parentRefs) {
    this.parentRefs = parentRefs;
  }
}
