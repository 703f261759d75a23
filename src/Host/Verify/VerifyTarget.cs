using ArchPgtable.Plugins;

namespace ArchPgtable.Host.Verify;

/// <summary>One build the contracts run against.</summary>
/// <param name="Plugin">The arch name the plugin exports.</param>
/// <param name="AssemblyPath">The plugin assembly's path.</param>
/// <param name="Arch">The built architecture.</param>
/// <param name="ReplayArgs">The command-line arguments that select this build again (<c>--arch X</c> or <c>--plugin PATH</c>).</param>
internal sealed record VerifyTarget(string Plugin, string AssemblyPath, ArchInstance Arch, string ReplayArgs)
{
    /// <summary>The machine the contracts run on (its agents race and must make fault progress); null for the arch's default machine.</summary>
    public ArchPgtable.Machines.MachineDescription? Machine { get; init; }
}
