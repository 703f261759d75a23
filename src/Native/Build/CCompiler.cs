using System.Text.RegularExpressions;
using ArchPgtable.Native.Tree;

namespace ArchPgtable.Native.Build;

/// <summary>
/// Compiles the generated translation unit with the system C compiler (<c>$CC</c>, else <c>cc</c>)
/// into a shared library. A compile error becomes one line naming the file (the kernel file, thanks
/// to <c>#line</c>) and the first error.
/// </summary>
internal static partial class CCompiler
{
    /// <summary>The flags: a shared library, no undefined symbols (a misspelt helper is an error, not a load failure), and C99's missing-prototype and pointer-type mistakes as errors, as newer compilers make them.</summary>
    public static readonly IReadOnlyList<string> Flags =
    [
        "-std=gnu11", "-O2", "-shared", "-fPIC", "-fvisibility=hidden", "-fno-strict-aliasing", "-Wl,-z,defs",
        "-Werror=implicit-function-declaration", "-Werror=incompatible-pointer-types", "-Werror=int-conversion", "-Werror=return-type",
    ];

    public static string Compiler => Environment.GetEnvironmentVariable("CC") is { Length: > 0 } cc ? cc : "cc";

    /// <exception cref="NativeBuildException">The compiler is missing or reported an error.</exception>
    public static void Compile(string sourcePath, string outputPath, string what)
    {
        var (exit, output) = ProcessRunner.Run(Compiler, [.. Flags, "-o", outputPath, sourcePath], Path.GetDirectoryName(sourcePath));
        if (exit == 0 && File.Exists(outputPath))
        {
            return;
        }

        throw new NativeBuildException($"compiling {what} failed: {FirstError(output)}");
    }

    public static string FirstError(string output)
    {
        var m = ErrorLine().Match(output);
        if (m.Success)
        {
            return $"{m.Groups[1].Value}:{m.Groups[2].Value}: {m.Groups[3].Value.Trim()}";
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";
    }

    [GeneratedRegex(@"^(.+?):(\d+):(?:\d+:)? (?:fatal )?error: (.*)$", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();
}
