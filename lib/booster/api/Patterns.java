package booster.api;

/**
 * Regular expressions shared by the CRD annotations and {@link Validation}; copied from the
 * upstream CRD rules.
 */
public final class Patterns {
  public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  static final String MODEL_URI = "^(hf://|s3://|pvc://|ms://).+";
  static final String CACHE_URI = "^(hostpath://|pvc://).+";
  static final String LORA_URI = "^(hf://|s3://|pvc://).+";

  /** Generated pod names must be DNS-1035 labels, so the booster name must start with a letter. */
  static final String DNS_1035_LABEL = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

  /** Kubernetes resource quantity ({@code 10}, {@code 500m}, {@code 1.5Gi}, {@code 1e3}). */
  static final String QUANTITY =
      "^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?$";

  /** A DNS-1123 subdomain (at most 253 characters), e.g. a RuntimeClass name. */
  public static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  public static final int MAX_DNS_SUBDOMAIN = 253;

  /** The name part of a qualified name (label key, toleration key) and a non-empty label value. */
  public static final String LABEL_NAME = "^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$";

  /** An API group: empty (the core group) or a DNS-1123 subdomain, as in Gateway API references. */
  static final String GROUP =
      "^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** A kind, as in Gateway API references. */
  public static final String KIND = "^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$";

  /**
   * {@code host:port}: a DNS name, an IPv4 address or a bracketed IPv6 address, and a port from 1
   * to 65535.
   */
  static final String HOST_PORT =
      "^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?"
          + "(\\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*)"
          + ":([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$";

  /** Label values and the names derived from them are at most this long. */
  public static final int MAX_LABEL_VALUE = 63;

  private Patterns() {}
}
