package org.twostep.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples went: by component (the innermost frame that is not the JDK's
 * own names the component: Faces, H2, Hibernate, Undertow, Weld, ...), and the methods with the most
 * samples beneath them (inclusive), TwoStep's and the frameworks' entry points alike. Record with a
 * deep stack ({@code -XX:FlightRecorderOptions:stackdepth=512}), or the roots are cut off.
 *
 * <pre>
 * java -cp ... org.twostep.bench.Profile bench/target/profile-pbkdf2-1024-c4.jfr [40]
 * </pre>
 */
public final class Profile {

    private static final List<String[]> COMPONENTS = List.of(
            new String[] {"org.h2.", "H2"}, new String[] {"org.hibernate.", "Hibernate"},
            new String[] {"com.sun.faces.", "Faces"}, new String[] {"jakarta.faces.", "Faces"},
            new String[] {"org.jboss.weld.", "Weld"}, new String[] {"io.undertow.", "Undertow"},
            new String[] {"org.xnio.", "Undertow"}, new String[] {"org.twostep.", "TwoStep"},
            new String[] {"com.sun.crypto.", "JDK crypto"}, new String[] {"sun.security.", "JDK crypto"},
            new String[] {"org.bouncycastle.", "BouncyCastle"},
            new String[] {"org.jboss.as.ejb3.", "EJB"}, new String[] {"org.jboss.invocation.", "EJB"},
            new String[] {"org.jboss.jca.", "JCA (pool)"}, new String[] {"com.arjuna.", "Transactions"},
            new String[] {"org.jboss.logmanager.", "Logging"}, new String[] {"org.jboss.logging.", "Logging"},
            new String[] {"org.glassfish.soteria.", "Soteria"}, new String[] {"org.jboss.resteasy.", "RESTEasy"},
            new String[] {"org.wildfly.security.", "Elytron"}, new String[] {"org.jboss.as.", "WildFly"},
            new String[] {"org.wildfly.", "WildFly"}, new String[] {"org.jboss.threads.", "WildFly"});

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Map<String, Integer> components = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            samples++;
            String component = "JDK";
            for (RecordedFrame frame : frames) {
                String c = componentOf(frame.getMethod().getType().getName());
                if (c != null) {
                    component = c;
                    break;
                }
            }
            components.merge(component, 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                if (!method.contains("$$") && !method.contains("$Proxy") && seen.add(method)) {
                    inclusive.merge(method, 1, Integer::sum);
                }
            }
        }
        System.out.printf("%d CPU samples%n%nby component (innermost frame that is not the JDK's):%n", samples);
        print(components, samples, components.size());
        System.out.printf("%nmethods with the most samples beneath them:%n");
        print(inclusive, samples, top);
    }

    private static String componentOf(String type) {
        for (String[] c : COMPONENTS) {
            if (type.startsWith(c[0])) {
                return c[1];
            }
        }
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") ? null : "other";
    }

    private static void print(Map<String, Integer> counts, int samples, int top) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((name, n) -> System.out.printf("%6.1f %%  %s%n", 100.0 * n / samples, name));
    }

    private Profile() {
    }
}
