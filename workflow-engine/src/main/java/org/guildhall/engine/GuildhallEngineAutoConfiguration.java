package org.guildhall.engine;

import org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/**
 * Brings Guildhall's engine-side beans (rule sets, cases, step validators, delegates the
 * models name by bean) into any Spring Boot application that has this module on its class
 * path, after Camunda's own auto-configuration has built the process engine.
 */
@AutoConfiguration(after = CamundaBpmAutoConfiguration.class)
@ComponentScan
public class GuildhallEngineAutoConfiguration {

}
