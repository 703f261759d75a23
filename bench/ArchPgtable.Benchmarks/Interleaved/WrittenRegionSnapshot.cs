using ArchPgtable.Mm;
using ArchPgtable.Mm.Memory;

namespace ArchPgtable.Benchmarks.Interleaved;

/// <summary>
/// The PTE words and folio flags of a written region, taken once and written back before each round, so every round
/// starts from the written state (MADV_FREE changes nothing else its walk reads).
/// </summary>
internal sealed class WrittenRegionSnapshot
{
    private readonly (PteTable Table, ulong[] Words)[] _tables;
    private readonly FolioFlags[] _headFlags;
    private readonly ulong[] _heads;

    private WrittenRegionSnapshot(MmStruct mm, (PteTable, ulong[])[] tables, ulong[] heads, FolioFlags[] headFlags)
    {
        Mm = mm;
        _tables = tables;
        _heads = heads;
        _headFlags = headFlags;
    }

    /// <summary>The address space the snapshot restores.</summary>
    public MmStruct Mm { get; }

    /// <summary>Snapshots the PTE tables of <c>[start, start + size)</c> and the flags of every folio they map.</summary>
    public static WrittenRegionSnapshot Take(MmStruct mm, ulong start, ulong size)
    {
        var sys = mm.System;
        var g = sys.Arch.Geometry;
        var tables = new List<(PteTable, ulong[])>();
        var heads = new List<ulong>();
        for (var va = start; va < start + size; va += g.PmdSize)
        {
            var table = mm.PageTable.Find(va) ?? throw new InvalidOperationException($"no PTE table at 0x{va:x}.");
            var words = new ulong[table.Count];
            table.CopyTo(words);
            tables.Add((table, words));
            foreach (var word in words)
            {
                var pte = new Pte(word);
                if (sys.Arch.Format.Present(pte))
                {
                    var head = sys.Memory.FolioOf(sys.Arch.Format.Pfn(pte)).StartPfn;
                    if (heads.Count == 0 || heads[^1] != head)
                    {
                        heads.Add(head);
                    }
                }
            }
        }

        return new WrittenRegionSnapshot(mm, [.. tables], [.. heads], [.. heads.Select(sys.Memory.Flags)]);
    }

    /// <summary>Writes every PTE word and every folio's flags back.</summary>
    public void Restore()
    {
        foreach (var (table, words) in _tables)
        {
            for (var i = 0; i < words.Length; i++)
            {
                table.Write(i, new Pte(words[i]));
            }
        }

        var mem = Mm.System.Memory;
        for (var i = 0; i < _heads.Length; i++)
        {
            mem.ClearFlags(_heads[i], ~_headFlags[i]);
            mem.SetFlags(_heads[i], _headFlags[i]);
        }
    }
}
