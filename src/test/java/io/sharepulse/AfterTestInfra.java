package io.sharepulse;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A test resource that starts stores of its own for a test profile: it runs after TestInfra (which keeps the
 * default order, 0), so its settings win over the shared stores'.
 */
public abstract class AfterTestInfra implements QuarkusTestResourceLifecycleManager {

    @Override
    public int order() {
        return 1000;
    }
}
