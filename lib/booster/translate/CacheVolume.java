package booster.translate;

import booster.api.CacheUris;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The model cache of a backend (docs/design.md §2.6): volume {@code <backend>-weights}, mounted at
 * the cache path in every engine and downloader container. No {@code cacheURI}: an {@code emptyDir}
 * at {@code /models}; {@code pvc://NAME}: claim {@code NAME} mounted at {@code /NAME}; {@code
 * hostpath://P}: host directory {@code /P} (v0.4.0 normalisation). Downloads go to the cache path
 * plus the MD5 of the whole source URI.
 */
final class CacheVolume {
  static final String DEFAULT_MOUNT_PATH = "/models";

  private final Volume volume;
  private final String mountPath;

  private CacheVolume(Volume volume, String mountPath) {
    this.volume = volume;
    this.mountPath = mountPath;
  }

  /**
   * @param backendName names the volume
   * @param cacheURI the backend's cacheURI, possibly null or empty
   * @param path the cacheURI's field path, for error messages
   */
  static CacheVolume of(String backendName, String cacheURI, String path) {
    VolumeBuilder volume = new VolumeBuilder().withName(backendName + "-weights");
    if (cacheURI == null || cacheURI.isEmpty()) {
      return new CacheVolume(volume.withNewEmptyDir().endEmptyDir().build(), DEFAULT_MOUNT_PATH);
    }
    // Validation reports the same rule first; this guards callers that skip it.
    CacheUris.problem(cacheURI)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(
                  path + ": Invalid value: \"" + cacheURI + "\": " + problem);
            });
    String cachePath = CacheUris.path(cacheURI);
    if (cacheURI.startsWith(CacheUris.PVC)) {
      volume
          .withNewPersistentVolumeClaim()
          .withClaimName(CacheUris.claimName(cacheURI))
          .endPersistentVolumeClaim();
    } else {
      volume.withNewHostPath().withPath(cachePath).withType("DirectoryOrCreate").endHostPath();
    }
    return new CacheVolume(volume.build(), cachePath);
  }

  Volume volume() {
    return volume;
  }

  String mountPath() {
    return mountPath;
  }

  VolumeMount mount() {
    return new VolumeMountBuilder().withName(volume.getName()).withMountPath(mountPath).build();
  }

  /** Where the downloader puts {@code sourceURI}: the cache path plus the MD5 of the whole URI. */
  String downloadDir(String sourceURI) {
    return mountPath + "/" + md5Hex(sourceURI);
  }

  static String md5Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is not available", e);
    }
  }
}
