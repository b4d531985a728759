package dev.tailboard.access;

import io.micronaut.http.HttpRequest;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/** Tells every page whether its reader is logged in ({@code loggedIn}), so that the layout offers to log out. */
@Singleton
public class LoginModel implements ViewModelProcessor<Map<String, Object>> {

    private final AccessToken token;

    public LoginModel(AccessToken token) {
        this.token = token;
    }

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> page) {
        Map<String, Object> model = new HashMap<>(page.getModel().orElse(Map.of()));
        model.put("loggedIn", token.loggedIn(request));
        page.setModel(model);
    }
}
