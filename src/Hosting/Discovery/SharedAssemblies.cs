using System.Reflection;

namespace ArchPgtable.Hosting.Discovery;

/// <summary>
/// The assemblies a plugin shares with the host instead of loading its own copy: the plugin
/// contract (ArchPgtable.Abstractions), the pgtable.h defaults (ArchPgtable.Generic) and MEF
/// (System.Composition.*). A second copy would make the plugin's IArchPlugin a different type,
/// and MEF would silently find no export.
/// </summary>
internal static class SharedAssemblies
{
    /// <summary>The contract assembly's simple name.</summary>
    public const string Abstractions = "ArchPgtable.Abstractions";

    /// <summary>The generic defaults' simple name.</summary>
    public const string Generic = "ArchPgtable.Generic";

    internal const string CompositionPrefix = "System.Composition";

    /// <summary>True when <paramref name="name"/> must come from the host's (default) load context.</summary>
    public static bool IsShared(AssemblyName name) => IsShared(name.Name);

    /// <summary>True when the simple name <paramref name="simpleName"/> must come from the host's load context.</summary>
    public static bool IsShared(string? simpleName) =>
        simpleName is Abstractions or Generic
        || (simpleName is not null
            && (simpleName == CompositionPrefix || simpleName.StartsWith(CompositionPrefix + ".", StringComparison.Ordinal)));
}
