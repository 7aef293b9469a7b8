package org.guildhall.web.home;

import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The landing page: who is signed in and the open steps waiting for their groups. */
@Controller
class HomeController {

	static final String HOME_VIEW = "home/home";

	static final String LOGIN_VIEW = "home/login";

	private final TaskService tasks;

	HomeController(TaskService tasks) {
		this.tasks = tasks;
	}

	@GetMapping("/")
	String home(Authentication authentication, Model model) {
		List<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		List<Task> open = groups.isEmpty() ? List.of()
				: this.tasks.createTaskQuery()
					.taskCandidateGroupIn(groups)
					.active()
					.orderByTaskCreateTime()
					.desc()
					.listPage(0, 50);
		model.addAttribute("user", authentication.getName());
		model.addAttribute("groups", groups);
		model.addAttribute("tasks", open);
		return HOME_VIEW;
	}

	@GetMapping("/login")
	String login() {
		return LOGIN_VIEW;
	}

}
