using System.Composition;

namespace ArchPgtable.Plugins;

/// <summary>
/// Exports an <see cref="IArchPlugin"/> to the host's MEF (System.Composition) catalogue with
/// its metadata: the architecture name, a description and the Kconfig symbols it honours.
/// </summary>
/// <example><code>[ArchPlugin("arm64", Description = "AArch64 with contpte")]
/// public sealed class Arm64Plugin : IArchPlugin { … }</code></example>
[MetadataAttribute]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ArchPluginAttribute(string arch) : ExportAttribute(typeof(IArchPlugin))
{
    /// <summary>The architecture name (ARCH=…).</summary>
    public string Arch { get; } = arch;

    /// <summary>A one-line description.</summary>
    public string Description { get; set; } = "";

    /// <summary>The Kconfig symbols honoured, for listing without building the plugin.</summary>
    public string[] Symbols { get; set; } = [];
}
