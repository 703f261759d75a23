using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ArchPgtable.Hosting.Discovery;

/// <summary>
/// Looks at a candidate file without loading it: is it a .NET assembly, is it one the host
/// provides itself, and was it built against a compatible ArchPgtable.Abstractions
/// (same major.minor as the host's)?
/// </summary>
internal static class CandidateInspector
{
    /// <summary>Why the file must not be loaded, or null when it may be.</summary>
    /// <param name="path">The candidate file.</param>
    /// <param name="hostAbstractions">The version of the host's ArchPgtable.Abstractions.</param>
    public static PluginDiagnostic? Reject(string path, Version hostAbstractions)
    {
        ArgumentNullException.ThrowIfNull(hostAbstractions);
        AssemblyName name;
        Version? referenced;
        try
        {
            name = AssemblyName.GetAssemblyName(path);
            referenced = ReferencedVersion(path, SharedAssemblies.Abstractions);
        }
        catch (BadImageFormatException)
        {
            return Error(path, "not a .NET assembly; skipped.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Error(path, $"cannot be read ({ExceptionText.RootCause(e)}); skipped.");
        }

        if (SharedAssemblies.IsShared(name))
        {
            return new PluginDiagnostic(PluginDiagnosticSeverity.Info, path,
                $"{name.Name} is provided by the host, not loaded from a plugins folder; ignored.");
        }

        if (referenced is null)
        {
            return NoExport(path);
        }

        if (referenced.Major != hostAbstractions.Major || referenced.Minor != hostAbstractions.Minor)
        {
            return Error(path,
                $"built against {SharedAssemblies.Abstractions} {referenced} but the host has {hostAbstractions} (major.minor must match); skipped.");
        }

        return null;
    }

    /// <summary>The info note for a top-level candidate that exports no plugin.</summary>
    public static PluginDiagnostic NoExport(string path) =>
        new(PluginDiagnosticSeverity.Info, path, "exports no IArchPlugin; ignored.");

    private static PluginDiagnostic Error(string path, string reason) => new(PluginDiagnosticSeverity.Error, path, reason);

    private static Version? ReferencedVersion(string path, string simpleName)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException("no .NET metadata", path);
        }

        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.AssemblyReferences)
        {
            var reference = reader.GetAssemblyReference(handle);
            if (reader.StringComparer.Equals(reference.Name, simpleName))
            {
                return reference.Version;
            }
        }

        return null;
    }
}
