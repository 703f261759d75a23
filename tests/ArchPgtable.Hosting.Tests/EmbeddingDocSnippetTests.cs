using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ArchPgtable.Hosting.Tests;

/// <summary>
/// Every C# snippet in docs/embedding.md and the embedding snippets of the READMEs starts with its
/// <c>using</c> directives and compiles, as a top-level program with the SDK's implicit usings,
/// against the assemblies the ArchPgtable.Hosting package brings.
/// </summary>
public sealed partial class EmbeddingDocSnippetTests
{
    private const string ImplicitUsings =
        "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; "
        + "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in new[] { "docs/embedding.md", "README.md", "src/Host/README.md" })
        {
            var blocks = Blocks(file);
            for (var i = 0; i < blocks.Count; i++)
            {
                data.Add(file, i);
            }
        }

        return data;
    }

    [Fact]
    public void The_embedding_guide_has_snippets_and_each_readme_has_one()
    {
        Assert.True(Blocks("docs/embedding.md").Count >= 6);
        Assert.Single(Blocks("README.md"));
        Assert.Single(Blocks("src/Host/README.md"));
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_starts_with_its_usings_and_compiles(string file, int index)
    {
        var code = Blocks(file)[index];
        Assert.StartsWith("using ", code, StringComparison.Ordinal);

        var compilation = CSharpCompilation.Create(
            "Snippet",
            [CSharpSyntaxTree.ParseText(ImplicitUsings), CSharpSyntaxTree.ParseText(code)],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, $"{file} snippet {index}:\n{string.Join('\n', errors)}\n---\n{code}");
    }

    /// <summary>The ```csharp blocks of <paramref name="file"/> that use ArchPgtable.Hosting.</summary>
    private static List<string> Blocks(string file) =>
        [.. CSharpBlock().Matches(File.ReadAllText(Path.Combine(RepoRoot(), file)))
            .Select(m => m.Groups[1].Value.Trim())
            .Where(b => b.Contains("ArchPgtable.Hosting", StringComparison.Ordinal))];

    private static IEnumerable<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.Ordinal))
            .Select(p => MetadataReference.CreateFromFile(p));

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "docs", "embedding.md")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("docs/embedding.md not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
