package org.guildhall.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The runnable Guildhall application. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GuildhallApplication {

	public static void main(String[] args) {
		SpringApplication.run(GuildhallApplication.class, args);
	}

}
