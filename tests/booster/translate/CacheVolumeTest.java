package booster.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.CacheUris;
import io.fabric8.kubernetes.api.model.Volume;
import org.junit.jupiter.api.Test;

/**
 * Upstream's GetCachePath, GetMountPath and buildCacheVolume test vectors, with our cache fixes
 * (design.md §2.6).
 */
class CacheVolumeTest {
  private static final String PATH = "spec.backend.cacheURI";

  @Test
  void cachePathIsNormalisedAsV040() {
    assertEquals("/my-cache-path", CacheUris.path("pvc://my-cache-path////"));
    assertEquals("/my-cache-path", CacheUris.path("pvc:///my-cache-path"));
    assertEquals("/my-cache-path", CacheUris.path("pvc:////my-cache-path"));
    assertEquals("", CacheUris.path(""));
    assertEquals("", CacheUris.path("invalidpath"));
    assertEquals(
        "/path/with/multiple/separators", CacheUris.path("pvc://path/with/multiple/separators"));
    assertEquals("/tmp/test", CacheUris.path("hostpath://tmp/test"));
  }

  @Test
  void downloadDirIsTheCachePathPlusTheMd5OfTheWholeUri() {
    CacheVolume cache = CacheVolume.of("b", "hostpath:///tmp/test", PATH);
    assertEquals(
        "/tmp/test/8590cc9fef9361779a5bd7862eb82b6d", cache.downloadDir("models/llama-2-7b"));
    assertEquals("/tmp/test/d41d8cd98f00b204e9800998ecf8427e", cache.downloadDir(""));
    assertEquals("/tmp/test/1f8d57abec22d679835ba0c38f634b06", cache.downloadDir("model_@#$"));
    assertEquals(
        "/tmp/test/13a7c4d58031cdc502ca1bb4a592f2b9",
        cache.downloadDir("s3://aios_models/deepseek-ai/DeepSeek-V3-W8A8/vllm-ascend"));
  }

  @Test
  void noCacheUriIsAnEmptyDirMountedAtModels() {
    for (String none : new String[] {null, ""}) {
      CacheVolume cache = CacheVolume.of("test-backend", none, PATH);
      Volume volume = cache.volume();
      assertEquals("test-backend-weights", volume.getName());
      assertEquals(
          new io.fabric8.kubernetes.api.model.EmptyDirVolumeSource(), volume.getEmptyDir());
      assertEquals("/models", cache.mount().getMountPath());
      assertEquals("test-backend-weights", cache.mount().getName());
      assertEquals("/models/d41d8cd98f00b204e9800998ecf8427e", cache.downloadDir(""));
    }
  }

  @Test
  void pvcClaimHasNoLeadingSlash() {
    CacheVolume cache = CacheVolume.of("test-backend", "pvc://test-pvc", PATH);
    assertEquals("test-pvc", cache.volume().getPersistentVolumeClaim().getClaimName());
    assertEquals("/test-pvc", cache.mountPath());
    assertEquals(
        "my-cache",
        CacheVolume.of("b", "pvc:///my-cache//", PATH)
            .volume()
            .getPersistentVolumeClaim()
            .getClaimName());
  }

  @Test
  void hostPathIsNormalisedAndCreated() {
    Volume volume = CacheVolume.of("test-backend", "hostpath://test/path", PATH).volume();
    assertEquals("/test/path", volume.getHostPath().getPath());
    assertEquals("DirectoryOrCreate", volume.getHostPath().getType());
    assertNull(volume.getEmptyDir());
  }

  @Test
  void unusableUrisFailNamingTheField() {
    for (String uri :
        new String[] {
          "hostPath://invalid/path", "s3://bucket/x", "pvc://a/b", "hostpath:///", "pvc://"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> CacheVolume.of("b", uri, PATH));
      assertTrue(
          e.getMessage().startsWith(PATH + ": ") && e.getMessage().contains(uri), e.getMessage());
    }
  }
}
