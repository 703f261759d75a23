using System.CommandLine;

namespace ArchPgtable.Host.Cli;

/// <summary>The <c>archpgtable</c> command tree and how a parse turns into an exit code.</summary>
internal static class CommandLine
{
    public static int Run(IReadOnlyList<string> args, CliContext context)
    {
        var root = Build(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            // One line: a mistyped command gets "did you mean"; otherwise the first error, and how many more.
            var first = UnknownCommand.Describe(parse, root) ?? parse.Errors[0].Message.TrimEnd('.');
            var more = parse.Errors.Count > 1 && UnknownCommand.Describe(parse, root) is null ? $" (and {parse.Errors.Count - 1} more error(s))" : "";
            return CliErrors.Write(context, $"{first}{more} (see 'archpgtable --help').");
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e)
        {
            // Last line of defence: one sentence, no stack trace on the user's terminal.
            return CliErrors.Write(context, $"internal error: {e.GetType().Name}: {e.Message}");
        }
    }

    private static RootCommand Build(CliContext context)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand(
            "ArchPgtable: Linux page-table helpers (include/linux/pgtable.h) with per-architecture plugins. "
            + "Environment: ARCHPGTABLE_ARCH=name selects the arch; ARCHPGTABLE_CONFIG_X=value sets CONFIG_X. "
            + "Exit codes: 0 ok, 1 a check failed, 2 usage or configuration error.");
        foreach (var option in globals.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(InfoCommand.Create(globals, context));
        root.Subcommands.Add(ExperimentCommand.CreateLazyfree(globals, context));
        root.Subcommands.Add(VerifyCommand.Create(globals, context));
        root.Subcommands.Add(RenderCommand.Create(globals, context));
        root.Subcommands.Add(DiffCommand.Create(globals, context));
        root.Subcommands.Add(ExperimentCommand.Create(globals, context));
        root.Subcommands.Add(WorkloadCommand.Create(globals, context));
        return root;
    }
}
