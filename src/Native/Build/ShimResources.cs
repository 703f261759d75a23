namespace ArchPgtable.Native.Build;

/// <summary>The shim's C text, embedded in this assembly (written by the project; no kernel source).</summary>
internal static class ShimResources
{
    public static string Read(string fileName)
    {
        using var stream = typeof(ShimResources).Assembly.GetManifestResourceStream("Shim." + fileName)
            ?? throw new InvalidOperationException($"shim resource {fileName} is missing from {typeof(ShimResources).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
