package io.ailanes.jenkins;

import org.jvnet.hudson.test.injected.InjectedTestBase;

/**
 * Every Jelly view of the plugin compiled through Stapler in a running Jenkins (with the escape-by-default processing
 * instruction and no inline JavaScript), every properties file read: the checks maven-hpi-plugin injects, kept here
 * by name because ten views once failed to compile and took the whole System page down with them.
 */
class PluginViewsCompileTest extends InjectedTestBase {

    PluginViewsCompileTest() {
        super("io.ailanes", "ai-lanes", "0.1.0-SNAPSHOT", System.getProperty("ai-lanes.classes", "target/classes"), true,
                true);
    }
}
