package dev.tailboard.analyst;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** npm: the error code, and for the common ones what usually causes them. */
final class NpmLog implements LogRecognizer {

    private static final Pattern NPM_ERROR = Pattern.compile("^npm (?:error|ERR!) ?(.*)$");
    private static final Pattern CODE = Pattern.compile("^code (\\S+)$");
    private static final Pattern NOT_FOUND = Pattern.compile("^404 Not Found - \\S+ (\\S+)");
    private static final Pattern MISSING = Pattern.compile("'([^']+)' (?:could not be found|is not in (?:this|the npm) registry)");
    private static final Pattern DEBUG_LOG = Pattern.compile("^A complete log of this run can be found in:?\\s*(\\S+)$");
    private static final Pattern BOILERPLATE = Pattern.compile(
            "^$|^404$|^404\\s*Note that you can also install from a$|^404\\s*tarball, folder, http url, or git url\\.$");

    @Override
    public void read(List<LogLine> lines, LogFacts facts) {
        String code = null;
        long codeLine = 0;
        String url = null;
        String missing = null;
        for (LogLine line : lines) {
            Matcher npm = NPM_ERROR.matcher(line.text());
            if (!npm.matches()) {
                continue;
            }
            facts.tool("npm");
            String body = npm.group(1).strip();
            Matcher matcher;
            if (BOILERPLATE.matcher(body).matches()) {
                facts.explain(line.number());
            } else if (code == null && (matcher = CODE.matcher(body)).matches()) {
                code = matcher.group(1);
                codeLine = line.number();
            } else if (url == null && (matcher = NOT_FOUND.matcher(body)).find()) {
                url = matcher.group(1);
            } else if ((matcher = DEBUG_LOG.matcher(body)).matches()) {
                facts.hint("npm wrote its debug log to " + Markdown.code(matcher.group(1)) + " on the runner; it is not part of this log.",
                        line.number());
                facts.explain(line.number());
            }
            if (missing == null && (matcher = MISSING.matcher(body)).find()) {
                missing = matcher.group(1);
            }
        }
        if ("E404".equals(code)) {
            String name = missing == null ? null : packageName(missing);
            facts.hint((name == null ? "A package" : Markdown.code(name)) + " was not found on the registry"
                    + (url == null ? "" : " " + Markdown.code(registry(url)))
                    + ", or the token used cannot see it: check its name and version in "
                    + Markdown.code("package.json") + " (or in the install command), the registry set in "
                    + Markdown.code(".npmrc") + ", and for a private package that CI is logged in to that registry.", codeLine);
        } else if ("ERESOLVE".equals(code)) {
            facts.hint("npm could not resolve the dependency tree, usually conflicting peer dependencies: the lines after "
                    + Markdown.code("ERESOLVE") + " name the packages that disagree; align their versions.", codeLine);
        } else if (code != null) {
            facts.hint("npm stopped with error code " + Markdown.code(code) + "; the npm lines right after it say why.", codeLine);
        }
    }

    /** {@code left-pad@*} → {@code left-pad}; {@code @scope/pkg@1.0} → {@code @scope/pkg}. */
    private static String packageName(String spec) {
        int at = spec.lastIndexOf('@');
        return at > 0 ? spec.substring(0, at) : spec;
    }

    private static String registry(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getAuthority();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
