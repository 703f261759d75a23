namespace ArchPgtable.Hosting.Configuration;

/// <summary>
/// How errors and warnings name the <see cref="ArchPgtableOptions"/> an embedder set. By default
/// they name the property (<c>ArchPgtableOptions.Arch</c>); a front end maps them to what its user
/// typed (the command line uses <c>--arch</c> and <c>--set</c>).
/// </summary>
public sealed record ArchPgtableOptionNames
{
    /// <summary>The names of the properties themselves: <c>ArchPgtableOptions.Arch</c>, <c>ArchPgtableOptions.Set</c>.</summary>
    public static ArchPgtableOptionNames Properties { get; } = new();

    /// <summary>The name of <see cref="ArchPgtableOptions.Arch"/> in messages.</summary>
    public string Arch { get; init; } = "ArchPgtableOptions.Arch";

    /// <summary>The name of <see cref="ArchPgtableOptions.Set"/> in messages (<c>Set: assignment 1 malformed …</c>).</summary>
    public string Set { get; init; } = "ArchPgtableOptions.Set";

    /// <summary>The name of <see cref="ArchPgtableOptions.Machine"/> in messages.</summary>
    public string Machine { get; init; } = "ArchPgtableOptions.Machine";

    /// <summary>The name of <see cref="ArchPgtableOptions.KernelTree"/> in messages.</summary>
    public string KernelTree { get; init; } = "ArchPgtableOptions.KernelTree";

    /// <summary>The name of <see cref="ArchPgtableOptions.Patch"/> in messages.</summary>
    public string Patch { get; init; } = "ArchPgtableOptions.Patch";
}
