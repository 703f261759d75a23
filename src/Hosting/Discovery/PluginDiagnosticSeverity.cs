namespace ArchPgtable.Hosting.Discovery;

/// <summary>How serious a plugin-loading note is.</summary>
public enum PluginDiagnosticSeverity
{
    /// <summary>Nothing is wrong but something was ignored (an assembly in a plugins folder that exports no plugin).</summary>
    Info,

    /// <summary>A plugin assembly or export is broken and was skipped; the others still load.</summary>
    Error,
}
