package io.sharepulse;

import java.lang.reflect.Proxy;
import java.util.Map;

import io.sharepulse.platform.SharepulseConfig;

/**
 * A {@link SharepulseConfig} with the given settings and no others, for tests of one class outside Quarkus: keys are
 * the accessor paths ({@code "redis.targetCacheMemory"}); asking for anything else fails, so a test names every
 * setting its class reads.
 */
public final class TestConfig {

    private TestConfig() {
    }

    public static SharepulseConfig of(Map<String, Object> settings) {
        return proxy(SharepulseConfig.class, "", settings);
    }

    private static <T> T proxy(Class<T> type, String prefix, Map<String, Object> settings) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (p, method, args) -> {
            String path = prefix + method.getName();
            if (settings.containsKey(path)) {
                return settings.get(path);
            }
            if (method.getReturnType().isInterface() && method.getReturnType().getName().startsWith(
                    SharepulseConfig.class.getName())) {
                return proxy(method.getReturnType(), path + ".", settings);
            }
            throw new UnsupportedOperationException("the test sets no " + path);
        }));
    }
}
