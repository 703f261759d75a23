using System.Composition;
using ArchPgtable.Generic;
using ArchPgtable.Plugins;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ArchPgtable.Host.Tests.Support;

/// <summary>Compiles C# source into a real assembly file with Roslyn, against the shared framework and chosen references.</summary>
internal static class PluginCompiler
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> Framework = new(() =>
    {
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return [.. tpa.Where(p => Path.GetDirectoryName(p) == runtimeDir).Select(p => MetadataReference.CreateFromFile(p))];
    });

    /// <summary>ArchPgtable.Abstractions, ArchPgtable.Generic and System.Composition.AttributedModel as the host has them.</summary>
    public static IReadOnlyList<MetadataReference> HostContract { get; } =
    [
        MetadataReference.CreateFromFile(typeof(IArchPlugin).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(GenericArchPlugin).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(ExportAttribute).Assembly.Location),
    ];

    /// <summary>System.Composition.AttributedModel alone (for a stub contract).</summary>
    public static MetadataReference Composition { get; } = MetadataReference.CreateFromFile(typeof(ExportAttribute).Assembly.Location);

    /// <summary>Compiles <paramref name="source"/> to <paramref name="outputPath"/> as assembly <paramref name="assemblyName"/>.</summary>
    /// <exception cref="InvalidOperationException">The source does not compile; the message has the errors.</exception>
    public static string Compile(string assemblyName, string source, string outputPath, IEnumerable<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            [.. Framework.Value, .. references],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
        using (var stream = File.Create(outputPath))
        {
            var result = compilation.Emit(stream);
            if (!result.Success)
            {
                var errors = string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
                throw new InvalidOperationException($"{assemblyName} does not compile:{Environment.NewLine}{errors}");
            }
        }

        return outputPath;
    }
}
