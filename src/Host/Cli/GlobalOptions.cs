using System.CommandLine;
using ArchPgtable.Hosting.Configuration;

namespace ArchPgtable.Host.Cli;

/// <summary>The options every command accepts (recursive from the root command): plugins, arch and configuration.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Arch { get; } = new("--arch")
    {
        Description = "Architecture to build, e.g. arm64 or generic. Wins over --set ARCH=, ARCHPGTABLE_ARCH and the config file's ARCH=. "
            + "Without it: arm64 if an arm64 plugin is found, else generic.",
        HelpName = "NAME",
        Recursive = true,
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Kernel .config file (CONFIG_X=y, # CONFIG_X is not set, ARCH=name) layered over the arch's defconfig.",
        HelpName = "FILE",
        Recursive = true,
        Validators = { r => NotADirectory(r) },
    };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Set a symbol, e.g. --set CONFIG_ARM64_CONTPTE=n; repeatable; wins over the config file and ARCHPGTABLE_CONFIG_*.",
        HelpName = "CONFIG_X=VALUE",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Plugins { get; } = new("--plugins")
    {
        Description = "Also load plugins from DIR (DIR/*.dll and DIR/<Name>/<Name>.dll); repeatable. plugins/ next to archpgtable is always searched.",
        HelpName = "DIR",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
        Validators = { r => NotAFile(r) },
    };

    public Option<bool> StrictConfig { get; } = new("--strict-config")
    {
        Description = "Treat configuration warnings (a symbol the arch does not honour, a dependency forced off, two members of one choice set) as errors: exit 2.",
        Recursive = true,
    };

    /// <summary>--trace FILE, --trace-format, --trace-limit.</summary>
    public TraceOptions Trace { get; } = new();

    public Option<string?> KernelTree { get; } = new("--kernel-tree")
    {
        Description = "Run the kernel's own C helpers instead of the arch plugin's: a Linux source directory or tarball "
            + "(e.g. /usr/src/linux-source-6.12.tar.xz); the needed files are extracted, compiled with cc and cached.",
        HelpName = "DIR|TARBALL",
        Recursive = true,
    };

    public Option<string?> Patch { get; } = new("--patch")
    {
        Description = "With --kernel-tree: apply this unified diff (-p1, as git format-patch writes it) to the extracted files before building.",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<string?> Machine { get; } = new("--machine")
    {
        Description = "The machine: a preset of the arch (see 'info') or a JSON machine file; its CPUs and device walkers (SMMU/IOMMU) with their capabilities. Without it: the arch's one-CPU machine.",
        HelpName = "PRESET|FILE",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Arch, Config, Set, Plugins, Machine, StrictConfig, KernelTree, Patch, .. Trace.All];

    /// <summary>Copies the parsed values into <paramref name="options"/>.</summary>
    public void Apply(ParseResult parse, CliContext context, ArchPgtableOptions options)
    {
        options.Arch = parse.GetValue(Arch);
        options.ConfigFile = parse.GetValue(Config);
        options.Machine = parse.GetValue(Machine);
        foreach (var set in parse.GetValue(Set) ?? [])
        {
            options.Set.Add(set);
        }

        foreach (var dir in parse.GetValue(Plugins) ?? [])
        {
            options.PluginDirectories.Add(dir);
        }

        options.KernelTree = parse.GetValue(KernelTree);
        options.Patch = parse.GetValue(Patch);
        options.DefaultPluginDirectory = context.DefaultPluginDirectory;
        options.Environment = context.Environment;
        options.OptionNames = new ArchPgtableOptionNames { Arch = "--arch", Set = "--set", Machine = "--machine", KernelTree = "--kernel-tree", Patch = "--patch" };
    }

    private static void NotADirectory(System.CommandLine.Parsing.OptionResult r)
    {
        foreach (var token in r.Tokens)
        {
            if (Directory.Exists(token.Value))
            {
                r.AddError($"--config '{token.Value}' is a directory; expected a kernel .config file.");
            }
        }
    }

    private static void NotAFile(System.CommandLine.Parsing.OptionResult r)
    {
        foreach (var token in r.Tokens)
        {
            if (File.Exists(token.Value))
            {
                r.AddError($"--plugins '{token.Value}' is a file; expected a directory (verify --plugin FILE checks one assembly).");
            }
        }
    }
}
