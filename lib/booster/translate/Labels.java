package booster.translate;

import booster.api.ModelBooster;
import java.util.Map;
import java.util.TreeMap;

/**
 * Label keys on every child (docs/design.md §2.2): our seed label plus the five upstream labels;
 * and our annotation on each ModelServing.
 */
public final class Labels {
  /** The operator selects its children by this label. */
  public static final String SEED_MANAGED_BY = "registry.volcano.sh/managed-by";

  public static final String SEED_MANAGED_BY_VALUE = "registry.volcano.sh";

  public static final String MODEL_NAME = "workload.serving.volcano.sh/model-name";
  static final String BACKEND_NAME = "workload.serving.volcano.sh/backend-name";
  static final String MANAGED_BY = "workload.serving.volcano.sh/managed-by";
  static final String MANAGED_BY_VALUE = "workload.serving.volcano.sh";
  static final String REVISION = "workload.serving.volcano.sh/revision";
  public static final String MODEL_UID = "workload.serving.volcano.sh/model-uid";

  /**
   * The {@code spec.replicas} the booster asked for when this ModelServing was rendered, as a
   * decimal string. The operator writes {@code spec.replicas} only at creation and when this value
   * changes, so an autoscaler, KEDA or an HPA may own it otherwise (docs/differences.md).
   */
  public static final String APPLIED_REPLICAS = "registry.volcano.sh/applied-replicas";

  /** Pod labels written by the ModelServing controller, used in selectors. */
  static final String ROLE = "modelserving.volcano.sh/role";

  static final String ENTRY = "modelserving.volcano.sh/entry";
  static final String GROUP_NAME = "modelserving.volcano.sh/group-name";

  private Labels() {}

  /** The labels of a child before its revision is known; sorted so output is stable. */
  public static Map<String, String> base(ModelBooster booster, String backendName) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(SEED_MANAGED_BY, SEED_MANAGED_BY_VALUE);
    labels.put(MODEL_NAME, booster.getMetadata().getName());
    labels.put(BACKEND_NAME, backendName == null ? "" : backendName);
    labels.put(MANAGED_BY, MANAGED_BY_VALUE);
    labels.put(MODEL_UID, uid(booster));
    return labels;
  }

  /** Offline renders have no uid yet; upstream writes the empty string then. */
  public static String uid(ModelBooster booster) {
    String uid = booster.getMetadata().getUid();
    return uid == null ? "" : uid;
  }
}
