package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Match on the {@code model} field of the request body. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BodyMatch {
  private String model;

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }
}
