package booster.api;

/** Regular expressions shared by the CRD annotations and {@link Validation}; copied from the upstream CRD rules. */
public final class Patterns {
  public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  public static final String MODEL_URI = "^(hf://|s3://|pvc://|ms://).+";
  public static final String CACHE_URI = "^(hostpath://|pvc://).+";
  public static final String LORA_URI = "^(hf://|s3://|pvc://).+";

  private Patterns() {
  }
}
