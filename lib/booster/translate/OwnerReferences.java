package booster.translate;

import booster.api.ModelBooster;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** Every child, of every kind, is controlled by its booster (docs/design.md §2.2). */
final class OwnerReferences {
  private OwnerReferences() {}

  static OwnerReference controller(ModelBooster booster) {
    return new OwnerReferenceBuilder()
        .withApiVersion(ModelBooster.API_VERSION)
        .withKind(ModelBooster.KIND)
        .withName(booster.getMetadata().getName())
        .withUid(Labels.uid(booster))
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
