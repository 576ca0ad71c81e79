package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Legacy-shape LoRA adapter, downloaded beside the model and registered with vLLM. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "artifactURL"})
public class LoraAdapter {
  @Required
  @Pattern(Patterns.DNS_LABEL)
  private String name;

  @Required
  @Pattern(Patterns.LORA_URI)
  private String artifactURL;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getArtifactURL() {
    return artifactURL;
  }

  public void setArtifactURL(String artifactURL) {
    this.artifactURL = artifactURL;
  }
}
