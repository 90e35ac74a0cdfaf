package com.example.profiles;

import java.util.Arrays;
import java.util.List;

import com.example.profiles.evaluation.command.EvaluateCommand;
import com.example.profiles.provision.ProvisionCommand;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The jar's entry point: {@code provision ...} runs the global-table provisioning command and
 * {@code evaluate ...} the offline evaluation of a model, each exiting with its code; anything else (no
 * arguments) runs the HTTP service until it is stopped.
 */
@QuarkusMain
public class ProfilesMain implements QuarkusApplication {

    private final ProvisionCommand provision;
    private final EvaluateCommand evaluate;

    public ProfilesMain(ProvisionCommand provision, EvaluateCommand evaluate) {
        this.provision = provision;
        this.evaluate = evaluate;
    }

    public static void main(String... args) {
        if (args.length > 0 && ProvisionCommand.NAME.equals(args[0])) {
            // A one-shot command: no HTTP listener (so it can run beside a server on the same
            // host), no table creation by the service's own start-up logic and no catalog load
            // (the Items table may not exist yet: creating it is what the command is for).
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("profiles.create-tables", "false");
            System.setProperty("recommend.catalog.load", "false");
        }
        if (args.length > 0 && EvaluateCommand.NAME.equals(args[0])) {
            // A one-shot command over existing tables: the catalog loads as in a pod, nothing listens or creates tables.
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("profiles.create-tables", "false");
        }
        Quarkus.run(ProfilesMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length > 0 && ProvisionCommand.NAME.equals(args[0])) {
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            return provision.run(rest, System.out, System.err);
        }
        if (args.length > 0 && EvaluateCommand.NAME.equals(args[0])) {
            return evaluate.run(Arrays.asList(args).subList(1, args.length), System.out, System.err);
        }
        Quarkus.waitForExit();
        return 0;
    }
}
