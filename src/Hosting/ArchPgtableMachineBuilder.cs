using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Machines;
using ArchPgtable.Mm;
using ArchPgtable.Mm.Tracing;
using ArchPgtable.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace ArchPgtable.Hosting;

/// <summary>
/// Describes an <see cref="ArchPgtableMachine"/>: the arch and its kernel-style configuration, where
/// plugins are, how the simulated machine is built, and any services to add. <see cref="Build"/>
/// composes it all.
/// </summary>
/// <remarks>
/// Unlike the command line, a builder ignores the process environment (<c>ARCHPGTABLE_ARCH</c>,
/// <c>ARCHPGTABLE_CONFIG_*</c>) unless <see cref="WithEnvironment"/> says otherwise, so a program
/// embedding the model builds the same machine wherever it runs.
/// </remarks>
public sealed class ArchPgtableMachineBuilder
{
    private readonly List<Action<ArchPgtableOptions>> _options = [];
    private readonly List<Action<IServiceCollection>> _services = [];
    private Func<ArchGeometry, MmOptions> _mm = _ => new MmOptions();
    private TraceRecorder? _trace;

    /// <summary>Selects the arch (<see cref="ArchPgtableOptions.Arch"/>): <c>arm64</c>, <c>x86_64</c>, <c>riscv64</c>, <c>generic</c> or a plugin's own.</summary>
    public ArchPgtableMachineBuilder WithArch(string arch) => Configure(o => o.Arch = arch);

    /// <summary>Sets one symbol, <c>CONFIG_X=value</c> (<see cref="ArchPgtableOptions.Set"/>); later calls win.</summary>
    public ArchPgtableMachineBuilder Set(string assignment) => Configure(o => o.Set.Add(assignment));

    /// <summary>
    /// Selects the hardware (<see cref="ArchPgtableOptions.Machine"/>): a preset of the arch (e.g. <c>smmu-no-httu</c>
    /// on arm64) or a JSON machine file; its CPUs and device walkers each get their own TLB and capabilities. Without
    /// it, the arch's one-CPU machine.
    /// </summary>
    public ArchPgtableMachineBuilder WithMachine(string presetOrFile) => Configure(o => o.Machine = presetOrFile);

    /// <summary>Layers a kernel <c>.config</c> file over the arch's defconfig (<see cref="ArchPgtableOptions.ConfigFile"/>).</summary>
    public ArchPgtableMachineBuilder WithConfigFile(string path) => Configure(o => o.ConfigFile = path);

    /// <summary>Also loads plugins from <paramref name="directory"/>, which must exist (<see cref="ArchPgtableOptions.PluginDirectories"/>).</summary>
    public ArchPgtableMachineBuilder WithPlugins(string directory) => Configure(o => o.PluginDirectories.Add(directory));

    /// <summary>
    /// Replaces the folder searched first (default: <c>plugins/</c> next to the application, where the
    /// ArchPgtable plugin packages put their plugin); null searches none, leaving the in-box <c>generic</c>
    /// arch and <see cref="WithPlugins"/> folders.
    /// </summary>
    public ArchPgtableMachineBuilder WithDefaultPluginDirectory(string? directory) => Configure(o => o.DefaultPluginDirectory = directory);

    /// <summary>Reads <c>ARCHPGTABLE_ARCH</c> / <c>ARCHPGTABLE_CONFIG_*</c> from <paramref name="environment"/>, e.g. <see cref="EnvironmentVariables.Process"/>.</summary>
    public ArchPgtableMachineBuilder WithEnvironment(IEnvironmentVariables environment) => Configure(o => o.Environment = environment);

    /// <summary>Edits the <see cref="ArchPgtableOptions"/> directly; runs after the calls above that came before it.</summary>
    public ArchPgtableMachineBuilder Configure(Action<ArchPgtableOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _options.Add(configure);
        return this;
    }

    /// <summary>
    /// How the simulated machine is built (physical memory, TLB size, mTHP sizes, seed, oracle), given the
    /// selected arch's geometry, e.g. <c>g =&gt; new MmOptions { Thp = ThpPolicy.ForFolioSize(64 * 1024, g.PageSize) }</c>.
    /// </summary>
    public ArchPgtableMachineBuilder WithMm(Func<ArchGeometry, MmOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _mm = options;
        return this;
    }

    /// <summary>
    /// Records everything the machine does (helper calls with arguments and return values, the raw PTE
    /// accesses and TLB flushes inside them, folds, splits, faults) into <paramref name="recorder"/>,
    /// as <see cref="TraceRecorder.Attach"/> does; without it nothing is traced and tracing costs nothing.
    /// </summary>
    public ArchPgtableMachineBuilder WithTrace(TraceRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        _trace = recorder;
        return this;
    }

    /// <summary>
    /// Adds or replaces services before the container is built. The defaults are registered first
    /// (<see cref="ArchPgtableServiceCollectionExtensions.AddArchPgtable"/>, <see cref="MmOptions"/>,
    /// <see cref="MmSystem"/>), so a registration here wins; this is the seam for recorders and other
    /// observers of the machine.
    /// </summary>
    public ArchPgtableMachineBuilder ConfigureServices(Action<IServiceCollection> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _services.Add(configure);
        return this;
    }

    /// <summary>Finds the plugins, resolves the configuration, builds the arch and the machine with one address space.</summary>
    /// <exception cref="ArchPgtableConfigurationException">
    /// The plugins, configuration or arch cannot be composed (unknown arch, malformed assignment, missing
    /// file or folder, two plugins claiming one arch); the message names the option that was set.
    /// </exception>
    public ArchPgtableMachine Build()
    {
        var services = new ServiceCollection().AddArchPgtable(o =>
        {
            o.Environment = EnvironmentVariables.None;
            foreach (var configure in _options)
            {
                configure(o);
            }
        });
        var mm = _mm;
        services.AddSingleton(sp => mm(sp.GetRequiredService<ArchGeometry>()));
        var trace = _trace;
        services.AddSingleton(sp =>
        {
            var arch = sp.GetRequiredService<ArchInstance>();
            var options = sp.GetRequiredService<MmOptions>();
            var machine = sp.GetRequiredService<MachineDescription>();
            if (options.Machine is null && machine != arch.MachineSupportOrDefault.Default)
            {
                options = options with { Machine = machine };
            }

            var system = new MmSystem(arch, options);
            return trace is null ? system : trace.Attach(system);
        });
        foreach (var configure in _services)
        {
            configure(services);
        }

        var provider = services.BuildServiceProvider();
        try
        {
            return new ArchPgtableMachine(provider);
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }
}
