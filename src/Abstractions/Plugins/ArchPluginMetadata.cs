using System.ComponentModel;

namespace ArchPgtable.Plugins;

/// <summary>The metadata view of an <see cref="ArchPluginAttribute"/> export, as the host reads it.</summary>
public sealed class ArchPluginMetadata
{
    /// <summary>The architecture name.</summary>
    [DefaultValue("")]
    public string Arch { get; set; } = "";

    /// <summary>A one-line description.</summary>
    [DefaultValue("")]
    public string Description { get; set; } = "";

    /// <summary>The Kconfig symbols honoured.</summary>
    [DefaultValue(null)]
    public string[]? Symbols { get; set; }
}
