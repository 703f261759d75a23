using System.Globalization;
using System.Text.RegularExpressions;

namespace ArchPgtable.Native.Tree;

/// <summary>A kernel version as the top Makefile states it, e.g. <c>6.12.117</c>.</summary>
/// <remarks>Kernel: VERSION, PATCHLEVEL, SUBLEVEL and EXTRAVERSION of the top Makefile (KERNELVERSION).</remarks>
public sealed partial record KernelVersion(int Version, int PatchLevel, int SubLevel, string ExtraVersion)
{
    /// <summary>Reads the version from the text of a top-level kernel Makefile.</summary>
    /// <exception cref="NativeBuildException">A field is missing or not a number.</exception>
    public static KernelVersion Parse(string makefile, string source)
    {
        ArgumentNullException.ThrowIfNull(makefile);
        return new KernelVersion(
            Number(makefile, "VERSION", source),
            Number(makefile, "PATCHLEVEL", source),
            Number(makefile, "SUBLEVEL", source),
            Field(makefile, "EXTRAVERSION") ?? "");
    }

    /// <summary>The version as <c>make kernelversion</c> prints it.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Version}.{PatchLevel}.{SubLevel}{ExtraVersion}");

    private static int Number(string makefile, string name, string source)
    {
        var value = Field(makefile, name);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new NativeBuildException($"{source}: the top Makefile has no numeric {name} = line; is this a Linux source tree?");
    }

    private static string? Field(string makefile, string name)
    {
        foreach (Match m in FieldLine().Matches(makefile))
        {
            if (m.Groups[1].Value == name)
            {
                return m.Groups[2].Value.Trim();
            }
        }

        return null;
    }

    [GeneratedRegex(@"^([A-Z]+)\s*=[ \t]*(.*?)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex FieldLine();
}
