using ArchPgtable.Mm.Rendering;

namespace ArchPgtable.Host.Render;

/// <summary>Checks output paths before a command runs and writes SVG files.</summary>
internal static class SvgFiles
{
    /// <summary>Why <paramref name="path"/> cannot be created as a file (its folder is missing, it is a folder), or null.</summary>
    public static string? CheckFile(string option, string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return $"{option} '{path}' is a folder; give a file name.";
        }

        var dir = Path.GetDirectoryName(full);
        return dir is not null && !Directory.Exists(dir) ? $"{option} '{path}': the folder '{dir}' does not exist." : null;
    }

    public static void Write(string path, IReadOnlyList<PteRangePicture> pictures)
    {
        using var writer = new StreamWriter(path);
        PteTableSvg.Write(pictures, writer);
    }
}
