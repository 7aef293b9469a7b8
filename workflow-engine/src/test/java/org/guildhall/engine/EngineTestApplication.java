package org.guildhall.engine;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The smallest application around the workflow engine, for this module's integration
 * tests.
 */
@SpringBootApplication
public class EngineTestApplication {

}
