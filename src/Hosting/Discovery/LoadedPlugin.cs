using ArchPgtable.Plugins;

namespace ArchPgtable.Hosting.Discovery;

/// <summary>An architecture plugin the host found and instantiated.</summary>
/// <param name="Arch">The arch it provides.</param>
/// <param name="Description">Its one-line description (from its <see cref="ArchPluginAttribute"/>).</param>
/// <param name="AssemblyPath">The full path of the assembly that exports it.</param>
/// <param name="Version">That assembly's version.</param>
/// <param name="InBox">True for a plugin built into the host (<c>generic</c>), false for one found in a plugins folder.</param>
/// <param name="Plugin">The instance.</param>
public sealed record LoadedPlugin(string Arch, string Description, string AssemblyPath, string Version, bool InBox, IArchPlugin Plugin)
{
    /// <summary>The assembly's file name.</summary>
    public string AssemblyFile => Path.GetFileName(AssemblyPath);
}
