namespace ArchPgtable.Mm.Rendering;

/// <summary>What a picture scenario left behind: the machine, the address space, the PTE table of its region
/// and, when the scenario ends with a helper call on part of the region, that call's range.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Title">A one-line description of what ran.</param>
/// <param name="System">The machine.</param>
/// <param name="Mm">The address space (the parent, after a fork).</param>
/// <param name="Table">The PTE table mapping the region.</param>
/// <param name="FirstIndex">The region's first entry in <paramref name="Table"/>.</param>
/// <param name="Entries">The region's entries.</param>
/// <param name="CallStart">The first entry of the last call's range, or -1.</param>
/// <param name="CallNr">Its entries.</param>
public sealed record PteScenario(string Name, string Title, MmSystem System, MmStruct Mm, PteTable Table, int FirstIndex, int Entries, int CallStart, int CallNr);
